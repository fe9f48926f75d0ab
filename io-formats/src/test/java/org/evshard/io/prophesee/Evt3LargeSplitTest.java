package org.evshard.io.prophesee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.format.RecordingSplit;
import org.evshard.io.format.RecordingSplits;
import org.evshard.io.format.SplitUnion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 7 point 4's acceptance for EVT 3.0: a generated 500 MB file reads as at least 4 splits whose union equals the
 * sequential read, event by event, with the triggers and skipped counts (compared while streaming; two chunks in
 * memory).
 */
class Evt3LargeSplitTest {

  private static final long BYTES = 500_000_000L;

  @Test
  void a500MbFileReadsAsSplitsEqualToTheSequentialRead(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("large.evt3.raw");
    try {
      java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
      long c0 = cpu.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long timeHighs = Evt3StressFile.write(file, BYTES, 20251126);
      long t1 = System.nanoTime();
      long c1 = cpu.getCurrentThreadCpuTime();
      List<RecordingSplit> splits = RecordingSplits.plan(file, Files.size(file) / 5, ReadOptions.defaults());
      long t2 = System.nanoTime();
      long c2 = cpu.getCurrentThreadCpuTime();
      assertTrue(Files.size(file) >= BYTES);
      assertTrue(splits.size() >= 4, splits.size() + " splits");
      for (RecordingSplit s : splits.subList(1, splits.size())) {
        Evt3SplitState state = (Evt3SplitState) s.state();
        assertTrue(state.timeSet() && state.wraps() > 0, "split " + s.index() + " starts after a wrap: " + state);
        assertNotEquals(Evt3SplitState.INITIAL, state);
      }
      SplitUnion.Totals t = SplitUnion.assertUnionEqualsSequential(file, "evt3", splits, ReadOptions.defaults());
      long t3 = System.nanoTime();
      long c3 = cpu.getCurrentThreadCpuTime();
      Evt3SplitState last = (Evt3SplitState) splits.get(splits.size() - 1).state();
      assertTrue(t.lastT() >= last.wraps() << 24, "the unwrapped time reaches the last split's wraps");
      assertTrue(t.lastT() - t.firstT() > 100L << 24, "more than 100 wraps of 16.8 s: " + (t.lastT() - t.firstT()));
      assertTrue(t.events() > 50_000_000L && t.triggers() > 0, t.toString());
      assertEquals(List.of("before-first-time-high", "continued", "others", "reserved", "trigger"),
          List.copyOf(t.skipped().keySet()));
      System.out.printf("EVT3 split test: %,d bytes, %,d TIME_HIGH, %,d wraps, %,d events in %d splits; wall (thread "
          + "CPU) s: generate %.1f (%.1f), plan %.1f (%.1f), sequential + split reads compared %.1f (%.1f)%n",
          Files.size(file), timeHighs, t.lastT() >>> 24, t.events(), splits.size(), (t1 - t0) / 1e9, (c1 - c0) / 1e9, (t2 - t1) / 1e9,
          (c2 - c1) / 1e9, (t3 - t2) / 1e9, (c3 - c2) / 1e9);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
