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
import java.util.Map;
import org.evshard.io.events.Events;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Metavision's {@code CD/events} read from the records' bytes ({@link CompoundEventRecords}) against jhdf's own
 * compound reader on h5py-written files, and the forms left to jhdf's reader (big-endian members, chunks the file
 * does not hold: {@code scripts/MakeMetavisionHdf5.py}).
 */
class CompoundEventRecordsTest {

  /** File, whether the records are read as bytes, events, events written (the rest are HDF5's zero fill value). */
  @ParameterizedTest
  @CsvSource({"metavision/cd_contiguous.hdf5, true, 1000, 1000",
      "metavision/cd_chunked_gzip_shuffle.hdf5, true, 70000, 70000",
      "ecf/cd_ecf.hdf5, true, 21714, 21714",
      "ecf/cd_ecf_chunk1001.hdf5, true, 3000, 3000",
      "metavision/cd_big_endian.hdf5, false, 1000, 1000",
      "metavision/cd_unwritten_chunks.hdf5, true, 10000, 3000"})
  void readsWhatJhdfsCompoundReaderReads(String resource, boolean asBytes, int n, int written, @TempDir Path tmp)
      throws IOException {
    Path f = Files.write(tmp.resolve("f.hdf5"), BloscFixtures.resource(resource));
    Events jhdf;
    try (HdfFile h = new HdfFile(f)) {
      Dataset d = h.getDatasetByPath("CD/events");
      CompoundEventRecords records = CompoundEventRecords.of(d, true);
      if (asBytes) {
        assertNotNull(records, resource);
      } else {
        assertNull(records, resource);
      }
      if (d instanceof ContiguousDataset) {
        assertNull(CompoundEventRecords.of(d, false), "a contiguous dataset outside a mapping is left to jhdf");
      }
      jhdf = columns((Map<?, ?>) d.getData(), n);
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

  private static Events columns(Map<?, ?> fields, int n) {
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = (short) Hdf5EventReader.integerAt("jhdf", fields.get("x"), i, "x");
      y[i] = (short) Hdf5EventReader.integerAt("jhdf", fields.get("y"), i, "y");
      t[i] = Hdf5EventReader.integerAt("jhdf", fields.get("t"), i, "t");
      p[i] = Hdf5EventReader.integerAt("jhdf", fields.get("p"), i, "p") == 1;
    }
    return Events.wrap(x, y, t, p);
  }
}
