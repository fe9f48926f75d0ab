package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.evshard.io.aedat.Aedat4Compression;
import org.evshard.io.aedat.Aedat4Writer;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.format.RecordingSplits;
import org.evshard.io.prophesee.Evt3Writer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evshard inspect --split-bytes}: splits read in parallel on the DirectRunner give the one-pass output. */
class ParallelInspectTest {

  private static final SensorGeometry VGA = new SensorGeometry(640, 480);

  @TempDir
  Path tmp;

  /** Time-sorted random events with gaps up to about a second (EVT 3.0 wraps its 24-bit time), ON and OFF. */
  private static Events events(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    EventsBuilder b = new EventsBuilder(n);
    long t = 5_000_000;
    for (int i = 0; i < n; i++) {
      t += r.nextInt(1000) == 0 ? r.nextInt(1 << 20) : r.nextInt(8);
      b.add((short) r.nextInt(640), (short) r.nextInt(480), t, r.nextInt(3) == 0);
    }
    return b.build();
  }

  private static String withoutTiming(String out) {
    return out.lines().filter(l -> !l.startsWith("decode pass:")).reduce("", (a, l) -> a + l + "\n");
  }

  @Test
  void splitsInParallelPrintWhatOnePassPrintsAndDrawTheSamePreview() throws Exception {
    Events e = events(200_000, 5);
    Path evt3 = tmp.resolve("big.raw");
    try (Evt3Writer w = new Evt3Writer(Files.newOutputStream(evt3), VGA)) {
      w.write(e);
    }
    Path aedat4 = tmp.resolve("big.aedat4");
    try (Aedat4Writer w = Aedat4Writer.toFile(aedat4, VGA, Aedat4Compression.LZ4, 2_500)) {
      w.write(e);
    }
    for (Path file : List.of(evt3, aedat4)) {
      long splitBytes = Files.size(file) / 6;
      assertTrue(splitBytes >= InspectCommand.MIN_SPLIT_BYTES, splitBytes + " bytes a split of " + file);
      int planned = RecordingSplits.plan(file, splitBytes, ReadOptions.defaults()).size();
      assertTrue(planned >= 4, planned + " splits of " + file);
      Path onePng = tmp.resolve(file.getFileName() + "-one.png");
      Path splitPng = tmp.resolve(file.getFileName() + "-split.png");
      CliOutput one = CliOutput.run("inspect", file.toString(), "--preview", onePng.toString());
      CliOutput split = CliOutput.run("inspect", file.toString(), "--preview", splitPng.toString(), "--split-bytes",
          Long.toString(splitBytes), "--targetParallelism=2");
      assertEquals(0, one.exitCode, one.err);
      assertEquals(0, split.exitCode, split.err);
      assertTrue(one.out.contains("events:      200000"), one.out);
      assertEquals(withoutTiming(one.out).replace(onePng.toString(), "PNG"),
          withoutTiming(split.out).replace(splitPng.toString(), "PNG"));
      assertTrue(split.out.contains(planned + " splits in parallel"), split.out);
      assertArrayEquals(Files.readAllBytes(onePng), Files.readAllBytes(splitPng), "preview of " + file);
    }
  }

  /**
   * --split-bytes 1 planned thousands of tasks (millions on a 70 MB file), -5 read in one pass; a --work-dir that was
   * not empty was used, and the summaries stayed in it after the run.
   */
  @Test
  void splitSizesBelowTheMinimumAndWorkFoldersInUseAreRefusedAndSummariesRemoved() throws Exception {
    Path evt3 = tmp.resolve("mid.raw");
    try (Evt3Writer w = new Evt3Writer(Files.newOutputStream(evt3), VGA)) {
      w.write(events(200_000, 3));
    }
    for (String bytes : List.of("1", "-5", "65535")) {
      CliOutput r = CliOutput.run("inspect", evt3.toString(), "--split-bytes", bytes);
      assertEquals(2, r.exitCode, r.err);
      assertEquals("evshard inspect: --split-bytes must be 0 (one pass) or at least 65536 (64 KiB; a split is one "
          + "worker's task), got " + bytes, r.err.strip());
    }
    Path used = Files.createDirectories(tmp.resolve("used"));
    Files.writeString(used.resolve("split-00000.ser"), "another run's");
    CliOutput busy = CliOutput.run("inspect", evt3.toString(), "--split-bytes", "65536", "--work-dir",
        used.toString());
    assertEquals(2, busy.exitCode, busy.err);
    assertTrue(busy.err.contains("--work-dir " + used + " is not empty"), busy.err);

    // the split summaries are removed after the run (they were left in a --work-dir)
    Path work = tmp.resolve("work");
    CliOutput ok = CliOutput.run("inspect", evt3.toString(), "--split-bytes", "65536", "--work-dir", work.toString(),
        "--targetParallelism=2");
    assertEquals(0, ok.exitCode, ok.err);
    assertTrue(ok.out.contains(" splits in parallel"), ok.out);
    try (var left = Files.list(work)) {
      assertEquals(List.of(), left.toList(), "split summaries left after the run");
    }
  }

  /** Skipped records were listed in the reader's order by one pass and by kind by the split reading. */
  @Test
  void skippedRecordsAreListedByKindInOnePassAndInSplits() throws Exception {
    Path evt3 = tmp.resolve("noisy.raw");
    try (Evt3Writer w = new Evt3Writer(Files.newOutputStream(evt3), VGA)) {
      w.write(events(200_000, 4));
    }
    byte[] bytes = Files.readAllBytes(evt3);
    int at = bytes.length / 2 & ~1;
    for (int i = 0; i < 256; i++) {
      bytes[at + i] = (byte) i; // every EVT 3.0 word type once, some of them kinds evshard skips
    }
    Files.write(evt3, bytes);
    CliOutput one = CliOutput.run("inspect", evt3.toString());
    CliOutput split = CliOutput.run("inspect", evt3.toString(), "--split-bytes", "65536", "--targetParallelism=2");
    assertEquals(0, one.exitCode, one.err);
    assertEquals(0, split.exitCode, split.err);
    String skipped = one.out.lines().filter(l -> l.startsWith("skipped:")).findFirst().orElseThrow();
    assertTrue(skipped.contains(","), "several kinds: " + skipped);
    List<String> kinds = java.util.Arrays.stream(skipped.substring("skipped:".length()).trim().split(", "))
        .map(k -> k.substring(0, k.lastIndexOf(' '))).toList();
    assertEquals(kinds.stream().sorted().toList(), kinds, skipped);
    assertEquals(withoutTiming(one.out), withoutTiming(split.out));
  }

  @Test
  void beamOptionsWithoutSplitsAreRefused() throws Exception {
    Path evt3 = tmp.resolve("small.raw");
    try (Evt3Writer w = new Evt3Writer(Files.newOutputStream(evt3), VGA)) {
      w.write(events(1_000, 1));
    }
    CliOutput r = CliOutput.run("inspect", evt3.toString(), "--targetParallelism=2");
    assertTrue(r.exitCode != 0);
    assertTrue(r.err.contains("--split-bytes"), r.err);
  }

  /** Cutting a chunk sequence anywhere and merging the parts' statistics equals adding every chunk to one. */
  @Test
  void mergedStatisticsEqualOnePass() {
    SplittableRandom r = new SplittableRandom(9);
    for (int round = 0; round < 200; round++) {
      int chunks = 1 + r.nextInt(8);
      EventChunk[] cs = new EventChunk[chunks];
      long t = r.nextInt(100);
      for (int c = 0; c < chunks; c++) {
        int n = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(20);
        cs[c] = new EventChunk(Math.max(1, n));
        for (int i = 0; i < n; i++) {
          // mostly non-decreasing, now and then a step back (also across a cut)
          t += r.nextInt(50) == 0 ? -r.nextInt(30) : r.nextInt(5);
          cs[c].x[i] = (short) r.nextInt(300);
          cs[c].y[i] = (short) r.nextInt(200);
          cs[c].t[i] = t;
          cs[c].p[i] = r.nextBoolean();
        }
        cs[c].setSize(n);
      }
      StreamingStatistics whole = new StreamingStatistics();
      Arrays.stream(cs).forEach(whole::add);
      StreamingStatistics merged = new StreamingStatistics();
      StreamingStatistics part = new StreamingStatistics();
      for (EventChunk c : cs) {
        if (r.nextInt(3) == 0) {
          merged.merge(part);
          part = new StreamingStatistics();
        }
        part.add(c);
      }
      merged.merge(part);
      assertEquals(whole.result(), merged.result(), "round " + round);
    }
  }
}
