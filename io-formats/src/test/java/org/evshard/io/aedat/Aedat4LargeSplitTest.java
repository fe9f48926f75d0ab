package org.evshard.io.aedat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.format.RecordingSplit;
import org.evshard.io.format.RecordingSplits;
import org.evshard.io.format.SplitUnion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 point 4's acceptance for AEDAT 4.0: a generated 500 MB LZ4 file with a data table reads as at least 4
 * splits whose union equals the sequential read, event by event (compared while streaming; two chunks in memory).
 */
class Aedat4LargeSplitTest {

  private static final long BYTES = 500_000_000L;
  private static final int BATCH = 1 << 16;

  /** Random events over 640x480, 0-3 us apart, written in batches until the file holds {@code minBytes}. */
  private static long write(Path file, long minBytes) throws IOException {
    SplittableRandom r = new SplittableRandom(20251126);
    short[] x = new short[BATCH];
    short[] y = new short[BATCH];
    long[] t = new long[BATCH];
    boolean[] p = new boolean[BATCH];
    long time = 1_605_537_493_718_345L;
    long events = 0;
    try (Aedat4Writer w = Aedat4Writer.toFile(file, Aedat4RoundTripTest.VGA, Aedat4Compression.LZ4,
        Aedat4Writer.DEFAULT_PACKET_EVENTS)) {
      // the writer buffers one packet; the file grows by whole packets, so its size lags by at most one packet
      while (Files.size(file) < minBytes) {
        for (int i = 0; i < BATCH; i++) {
          long bits = r.nextLong();
          time += bits & 3;
          x[i] = (short) ((bits >>> 2 & 0xFFFF) % 640);
          y[i] = (short) ((bits >>> 18 & 0xFFFF) % 480);
          p[i] = (bits >>> 34 & 1) != 0;
          t[i] = time;
        }
        w.write(x, y, t, p, 0, BATCH);
        events += BATCH;
      }
    }
    return events;
  }

  @Test
  void a500MbFileReadsAsSplitsEqualToTheSequentialRead(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("large-lz4.aedat4");
    try {
      ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
      long c0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long written = write(file, BYTES);
      long t1 = System.nanoTime();
      long c1 = cpu.getCurrentThreadCpuTime();
      List<RecordingSplit> splits = RecordingSplits.plan(file, Files.size(file) / 5, ReadOptions.defaults());
      long t2 = System.nanoTime();
      long c2 = cpu.getCurrentThreadCpuTime();
      assertTrue(Files.size(file) >= BYTES);
      assertTrue(splits.size() >= 4, splits.size() + " splits");
      long table;
      try (EventReader r = EventFormats.defaults().open(file, "aedat4", ReadOptions.defaults())) {
        table = Long.parseLong(r.headerFields().get("data-table-position"));
      }
      assertEquals(table, splits.get(splits.size() - 1).end(), "planned from the data table");
      SplitUnion.Totals t = SplitUnion.assertUnionEqualsSequential(file, "aedat4", splits, ReadOptions.defaults());
      long t3 = System.nanoTime();
      long c3 = cpu.getCurrentThreadCpuTime();
      assertEquals(written, t.events());
      System.out.printf("AEDAT4 split test: %,d bytes (LZ4, data table at %,d), %,d events in %d splits; wall (thread"
          + " CPU) s: generate %.1f (%.1f), plan %.2f (%.2f), sequential + split reads compared %.1f (%.1f)%n",
          Files.size(file), table, t.events(), splits.size(), (t1 - t0) / 1e9, (c1 - c0) / 1e9, (t2 - t1) / 1e9,
          (c2 - c1) / 1e9, (t3 - t2) / 1e9, (c3 - c2) / 1e9);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
