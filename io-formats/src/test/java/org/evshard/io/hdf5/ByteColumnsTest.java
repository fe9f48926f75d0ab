package org.evshard.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.evshard.io.events.Events;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Events read from the datasets' bytes ({@link ByteColumns}) against jhdf's own readers on h5py-written files:
 * Metavision's compound {@code CD/events} and DSEC's four columns, and the forms left to jhdf's readers (big-endian
 * members, chunks the file does not hold: {@code scripts/MakeMetavisionHdf5.py}).
 */
class ByteColumnsTest {

  /** File, whether the events are read as bytes, events, events written (the rest are HDF5's zero fill value). */
  @ParameterizedTest
  @CsvSource({"metavision/cd_contiguous.hdf5, true, 1000, 1000",
      "metavision/cd_chunked_gzip_shuffle.hdf5, true, 70000, 70000",
      "ecf/cd_ecf.hdf5, true, 21714, 21714",
      "ecf/cd_ecf_chunk1001.hdf5, true, 3000, 3000",
      "metavision/cd_big_endian.hdf5, false, 1000, 1000",
      "metavision/cd_unwritten_chunks.hdf5, true, 10000, 3000",
      "blosc/dsec_zstd_shuffle.h5, true, 70000, 70000",
      "blosc/dsec_lz4_bitshuffle.h5, true, 5000, 5000",
      "blosc/dsec_blosclz_noshuffle_incompressible_chunk.h5, true, 3000, 3000"})
  void readsWhatJhdfsReadersRead(String resource, boolean asBytes, int n, int written, @TempDir Path tmp)
      throws IOException {
    Path f = Files.write(tmp.resolve("f.hdf5"), BloscFixtures.resource(resource));
    Events jhdf;
    try (HdfFile h = new HdfFile(f)) {
      boolean dsec = resource.startsWith("blosc/");
      ByteColumns bytes;
      if (dsec) {
        Dataset[] xytp = new Dataset[4];
        Map<String, Object> columns = new HashMap<>();
        for (int k = 0; k < 4; k++) {
          xytp[k] = h.getDatasetByPath("events/" + "xytp".charAt(k));
          columns.put(String.valueOf("xytp".charAt(k)), xytp[k].getData());
        }
        bytes = ByteColumns.separate(xytp, true, Hdf5EventReader.BLOCK_EVENTS);
        long offset = ((long[]) h.getDatasetByPath("t_offset").getData())[0];
        jhdf = columns(columns, n, offset);
      } else {
        Dataset d = h.getDatasetByPath("CD/events");
        bytes = ByteColumns.compound(d, true, Hdf5EventReader.BLOCK_EVENTS);
        if (d instanceof ContiguousDataset) {
          assertNull(ByteColumns.compound(d, false, 16), "a contiguous dataset outside a mapping is left to jhdf");
        }
        jhdf = columns((Map<?, ?>) d.getData(), n, 0);
      }
      if (asBytes) {
        assertNotNull(bytes, resource);
      } else {
        assertNull(bytes, resource);
      }
    }
    for (int chunk : new int[] {1, 4096, 1_000_000}) {
      ReadOptions o = ReadOptions.defaults().withChunkSize(chunk);
      try (Hdf5EventReader r = Hdf5EventReader.open(f, resource, o, null)) {
        Events read = r.readAll(o);
        assertEquals(jhdf, read, resource + " in chunks of " + chunk);
        for (int i = written; i < n; i++) {
          assertEquals(0, read.t()[i] | read.x()[i] | read.y()[i] | (read.p()[i] ? 1 : 0), "fill value " + i);
        }
        if (written < n) {
          assertEquals(n, read.size());
          assertTrue(read.t()[written - 1] != 0, "written events before the fill");
        }
      }
    }
  }

  private static Events columns(Map<?, ?> fields, int n, long tOffset) {
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = (short) Hdf5EventReader.integerAt("jhdf", fields.get("x"), i, "x");
      y[i] = (short) Hdf5EventReader.integerAt("jhdf", fields.get("y"), i, "y");
      t[i] = Hdf5EventReader.integerAt("jhdf", fields.get("t"), i, "t") + tOffset;
      p[i] = Hdf5EventReader.integerAt("jhdf", fields.get("p"), i, "p") == 1;
    }
    return Events.wrap(x, y, t, p);
  }
}
