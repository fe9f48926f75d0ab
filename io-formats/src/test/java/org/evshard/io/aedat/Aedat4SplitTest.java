package org.evshard.io.aedat;

import static org.evshard.io.format.SplitUnion.assertUnionEqualsSequential;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.evshard.io.Fixtures;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.events.Events;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.format.RecordingSplit;
import org.evshard.io.format.RecordingSplits;
import org.evshard.io.format.SplitUnion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Split reading of AEDAT 4.0 files by packets: every plan's splits, read in order, equal the sequential read. */
class Aedat4SplitTest {

  private static final ReadOptions OPTIONS = ReadOptions.defaults();

  @TempDir
  Path tmp;

  private Path withTable(Events e, Aedat4Compression c, int packetEvents) throws IOException {
    Path p = tmp.resolve("table-" + c + "-" + packetEvents + ".aedat4");
    try (Aedat4Writer w = Aedat4Writer.toFile(p, Aedat4RoundTripTest.VGA, c, packetEvents)) {
      w.write(e);
    }
    return p;
  }

  private Path withoutTable(Events e, Aedat4Compression c, int packetEvents) throws IOException {
    Path p = tmp.resolve("stream-" + c + "-" + packetEvents + ".aedat4");
    Files.write(p, Aedat4RoundTripTest.write(e, c, packetEvents));
    return p;
  }

  private static long tablePosition(Path p) throws IOException {
    try (EventReader r = EventFormats.defaults().open(p, "aedat4", OPTIONS)) {
      return Long.parseLong(r.headerFields().get("data-table-position"));
    }
  }

  @Test
  void theRealDvFileSplitsByItsDataTable() throws IOException {
    Path sample = Fixtures.file(Aedat4ReaderTest.SAMPLE);
    long table = tablePosition(sample);
    assertTrue(table > 0, "the dv recording has a data table");
    for (long target : new long[] {1, 4096, 100_000, 1L << 30}) {
      List<RecordingSplit> splits = RecordingSplits.plan(sample, target, OPTIONS);
      assertEquals(table, splits.get(splits.size() - 1).end(), "the last split ends at the data table");
      assertTrue(target > table || splits.size() >= 4, splits.size() + " splits for " + target + " bytes");
      SplitUnion.Totals t = assertUnionEqualsSequential(sample, "aedat4", splits, OPTIONS.withChunkSize(1000));
      assertTrue(t.events() > 0 && t.skipped().containsKey("imus-packets"), t.toString());
    }
  }

  @ParameterizedTest
  @EnumSource(value = Aedat4Compression.class, names = {"NONE", "LZ4", "ZSTD"})
  void theWrittenDataTableAndTheHeaderWalkGiveTheSameSplits(Aedat4Compression c) throws IOException {
    Events e = Aedat4RoundTripTest.randomEvents(c.ordinal(), 100_000);
    Path table = withTable(e, c, 1000);
    Path stream = withoutTable(e, c, 1000);
    assertTrue(tablePosition(table) > 0);
    assertEquals(-1, tablePosition(stream));
    try (EventReader r = EventFormats.defaults().open(table, "aedat4", OPTIONS)) {
      AedatTestSupport.assertSameEvents(e, r.readAll(OPTIONS));
    }
    for (long target : new long[] {1, 50_000, 300_000}) {
      List<RecordingSplit> a = RecordingSplits.plan(table, target, OPTIONS);
      List<RecordingSplit> b = RecordingSplits.plan(stream, target, OPTIONS);
      assertEquals(SplitUnion.boundaries(a), SplitUnion.boundaries(b));
      assertEquals(tablePosition(table), a.get(a.size() - 1).end());
      assertEquals(Files.size(stream), b.get(b.size() - 1).end());
      assertEquals(e.size(), assertUnionEqualsSequential(table, "aedat4", a, OPTIONS).events());
      assertEquals(e.size(), assertUnionEqualsSequential(stream, "aedat4", b, OPTIONS).events());
    }
    assertEquals(100, RecordingSplits.plan(table, 1, OPTIONS).size(), "one split per packet");
  }

  @Test
  void everyTargetSizeGivesTheSequentialRead() throws IOException {
    Events e = Aedat4RoundTripTest.randomEvents(3, 60);
    for (Path p : new Path[] {withTable(e, Aedat4Compression.LZ4, 7), withoutTable(e, Aedat4Compression.NONE, 5)}) {
      // a plan only changes where the target crosses a distance between two packet starts
      List<Long> starts = SplitUnion.boundaries(RecordingSplits.plan(p, 1, OPTIONS));
      java.util.TreeSet<Long> targets = new java.util.TreeSet<>(List.of(1L, Files.size(p)));
      for (int i = 0; i < starts.size(); i++) {
        for (int j = i + 1; j < starts.size(); j++) {
          targets.add(starts.get(j) - starts.get(i));
          targets.add(starts.get(j) - starts.get(i) + 1);
        }
      }
      for (long target : targets) {
        List<RecordingSplit> splits = RecordingSplits.plan(p, target, OPTIONS);
        for (RecordingSplit s : splits.subList(0, splits.size() - 1)) {
          assertTrue(s.length() >= target);
        }
        assertEquals(e.size(), assertUnionEqualsSequential(p, "aedat4", splits, OPTIONS.withChunkSize(3)).events());
      }
    }
  }

  @Test
  void aFileSmallerThanOneSplitAndAFileWithoutPacketsAreOneSplit() throws IOException {
    Events e = Aedat4RoundTripTest.randomEvents(4, 5000);
    Path p = withTable(e, Aedat4Compression.ZSTD, 1000);
    List<RecordingSplit> one = RecordingSplits.plan(p, 1L << 30, OPTIONS);
    assertEquals(1, one.size());
    assertEquals(tablePosition(p), one.get(0).end());
    assertUnionEqualsSequential(p, "aedat4", one, OPTIONS);
    for (Path none : new Path[] {withTable(Events.empty(), Aedat4Compression.LZ4, 10),
        withoutTable(Events.empty(), Aedat4Compression.LZ4, 10)}) {
      List<RecordingSplit> splits = RecordingSplits.plan(none, 1, OPTIONS);
      assertEquals(1, splits.size());
      assertEquals(0, splits.get(0).length());
      assertEquals(0, assertUnionEqualsSequential(none, "aedat4", splits, OPTIONS).events());
    }
  }

  @Test
  void anEmptyFileFailsAsTheSequentialReadDoes() throws IOException {
    Path empty = tmp.resolve("empty.aedat4");
    Files.write(empty, new byte[0]);
    CorruptInputException seq = assertThrows(CorruptInputException.class,
        () -> EventFormats.defaults().open(empty, "aedat4", OPTIONS));
    CorruptInputException plan = assertThrows(CorruptInputException.class,
        () -> RecordingSplits.plan(empty, "aedat4", 16, OPTIONS));
    assertEquals(seq.getMessage(), plan.getMessage());
  }

  @Test
  void aDataTableThatDisagreesWithThePacketsIsCorrupt() throws IOException {
    Events e = Aedat4RoundTripTest.randomEvents(5, 10_000);
    Path p = withTable(e, Aedat4Compression.NONE, 1000);
    List<RecordingSplit> splits = RecordingSplits.plan(p, 1, OPTIONS);
    long second = splits.get(1).start();
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.seek(second + 4); // the second packet's size, as its header states it
      f.write(0x7F);
    }
    CorruptInputException x = assertThrows(CorruptInputException.class, () -> RecordingSplits.plan(p, 1, OPTIONS));
    assertEquals(p.toString(), x.source());
    assertEquals(second, x.offset());
    long table = tablePosition(p);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.seek(table + 20); // inside the (uncompressed) table: the root table's soffset
      f.write(0x55);
    }
    EvshardIoException y = assertThrows(EvshardIoException.class, () -> RecordingSplits.plan(p, 1, OPTIONS));
    assertEquals(table, y.offset());
  }

  @Test
  void aSplitNotOnAPacketOrOnATruncatedFileFailsWithTheOffset() throws IOException {
    Events e = Aedat4RoundTripTest.randomEvents(6, 10_000);
    Path p = withoutTable(e, Aedat4Compression.LZ4, 1000);
    List<RecordingSplit> splits = RecordingSplits.plan(p, 1, OPTIONS);
    RecordingSplit s = splits.get(3);
    RecordingSplit shifted = new RecordingSplit(s.file(), s.format(), s.index(), s.start() + 4, s.end(), null);
    EvshardIoException x = assertThrows(EvshardIoException.class, () -> readAll(shifted));
    assertEquals(p.toString(), x.source());
    assertEquals(s.start() + 4, x.offset());
    RecordingSplit last = splits.get(splits.size() - 1);
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(last.start() + 3);
    }
    CorruptInputException y = assertThrows(CorruptInputException.class, () -> readAll(last));
    assertEquals(last.start(), y.offset());
    try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
      f.setLength(last.start() - 1);
    }
    assertEquals(last.start(), assertThrows(CorruptInputException.class, () -> readAll(last)).offset());
    CorruptInputException z = assertThrows(CorruptInputException.class, () -> RecordingSplits.plan(p, 1, OPTIONS));
    assertEquals(splits.get(splits.size() - 2).start(), z.offset(), "the header walk names the truncated packet");
  }

  private static void readAll(RecordingSplit s) throws IOException {
    try (EventReader r = RecordingSplits.open(s, OPTIONS)) {
      r.readAll(OPTIONS);
    }
  }
}
