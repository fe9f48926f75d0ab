package org.evshard.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.evshard.io.error.CorruptInputException;
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

  /**
   * A dataspace of 10,000 events of which h5py wrote 3,000, in chunks of 1,024: the file holds chunks 0 to 2 (events
   * 3,000 to 3,071 of chunk 2 are fill values inside a stored chunk, which nothing can tell), and the other 6,928 were
   * read as HDF5's fill value, events at x = y = t = 0 that were never recorded (a file patched to claim 10^9
   * events made up 10^9). Now the recording is refused at the first missing chunk, in any chunking of the read.
   */
  @ParameterizedTest
  @CsvSource({"1", "4096", "1000000"})
  void aChunkTheFileDoesNotHoldIsRefusedNotReadAsFillValues(int chunk, @TempDir Path tmp) throws IOException {
    Path f = Files.write(tmp.resolve("f.hdf5"), BloscFixtures.resource("metavision/cd_unwritten_chunks.hdf5"));
    ReadOptions o = ReadOptions.defaults().withChunkSize(chunk);
    try (Hdf5EventReader r = Hdf5EventReader.open(f, "cd_unwritten_chunks.hdf5", o, null)) {
      CorruptInputException e = assertThrows(CorruptInputException.class, () -> r.readAll(o));
      assertTrue(e.reason().matches("events from 3072 on: chunk 3 of /CD/events \\(from element 3072\\) is not "
          + "in the file \\(the dataspace claims 10000 events; HDF5 would read the missing ones as fill values, "
          + "events that were never recorded\\): a recording not closed properly, or a damaged file"), e.reason());
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
