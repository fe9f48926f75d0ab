package org.evshard.io.prophesee;

import static org.evshard.io.format.SplitUnion.assertUnionEqualsSequential;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.evshard.io.Fixtures;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.format.RecordingSplit;
import org.evshard.io.format.RecordingSplits;
import org.evshard.io.format.SplitUnion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Split reading of EVT 3.0 files: every plan's splits, read in order, equal the sequential read. */
class Evt3SplitTest {

  private static final String HEADER = "% evt 3.0\n% format EVT3;height=480;width=640\n% end\n";
  private static final ReadOptions OPTIONS = ReadOptions.defaults();

  @TempDir
  Path tmp;
  private Path file;
  private long dataStart;
  /** Offset of the TIME_HIGH 0x001 that wraps after 0xFFF, with the vector base set before it. */
  private long wrapAt;

  /**
   * A crafted file: state words before the first TIME_HIGH (skipped, not applied), a repeated TIME_HIGH, vector bases
   * set before a TIME_HIGH and used after it, two wraps, a trigger, OTHERS, CONTINUED and reserved words.
   */
  @BeforeEach
  void craft() throws IOException {
    SpecEvt3Words w = new SpecEvt3Words(HEADER);
    dataStart = w.headerBytes();
    w.addrY(5).vectBaseX(10, true).others().addrX(3, true);
    w.timeHigh(0xFFE).timeLow(7).addrY(100).addrX(1, true).vectBaseX(20, false).vect12(0b101);
    w.timeHigh(0xFFE).vect8(0x81).addrX(2, false).trigger(3, true);
    w.timeHigh(0xFFF).timeLow(0x10).others().continued().addrY(200).vectBaseX(30, true);
    wrapAt = w.offset();
    w.timeHigh(0x001).vect12(0xFFF).addrX(600, false);
    w.timeHigh(0x002).timeLow(5).addrY(300).timeHigh(0x000).addrX(7, true).word(0xD000);
    w.timeHigh(0x000).addrX(8, false).vect8(0x3);
    file = tmp.resolve("crafted.raw");
    Files.write(file, w.bytes());
  }

  @Test
  void everyTargetSizeGivesTheSequentialRead() throws IOException {
    long size = Files.size(file);
    for (long target = 1; target <= size + 1; target++) {
      List<RecordingSplit> splits = RecordingSplits.plan(file, target, OPTIONS);
      for (int chunk : new int[] {1, 3, 4096}) {
        assertUnionEqualsSequential(file, "evt3", splits, OPTIONS.withChunkSize(chunk));
      }
    }
  }

  @Test
  void aSplitStartsOnEveryTimeHighWhenTheTargetIsOneWord() throws IOException {
    List<RecordingSplit> splits = RecordingSplits.plan(file, 2, OPTIONS);
    assertEquals(dataStart, splits.get(0).start());
    assertEquals(Files.size(file), splits.get(splits.size() - 1).end());
    byte[] b = Files.readAllBytes(file);
    int timeHighs = 0;
    for (int o = (int) dataStart; o < b.length; o += 2) {
      timeHighs += (b[o + 1] & 0xF0) == 0x80 ? 1 : 0;
    }
    assertEquals(timeHighs + 1, splits.size(), "the first split holds the words before the first TIME_HIGH");
    for (RecordingSplit s : splits.subList(1, splits.size())) {
      assertEquals(0x80, b[(int) s.start() + 1] & 0xF0, "split " + s.index() + " starts on a TIME_HIGH");
    }
    SplitUnion.Totals t = assertUnionEqualsSequential(file, "evt3", splits, OPTIONS);
    // the OTHERS word before the first TIME_HIGH counts as before-first-time-high
    assertEquals(Map.of("before-first-time-high", 4L, "others", 1L, "continued", 1L, "trigger", 1L, "reserved", 1L),
        t.skipped());
  }

  @Test
  void aBoundaryOnAWrappingTimeHighCarriesTheStateAcrossIt() throws IOException {
    List<RecordingSplit> splits = RecordingSplits.plan(file, wrapAt - dataStart, OPTIONS);
    assertEquals(wrapAt, splits.get(1).start(), "the cut lands exactly on the TIME_HIGH at the target");
    assertEquals(new Evt3SplitState(true, 0, 0xFFF, 0x10, (short) 200, 30, true), splits.get(1).state());
    Events second;
    try (EventReader r = RecordingSplits.open(splits.get(1), OPTIONS)) {
      second = r.readAll(OPTIONS);
    }
    // the spec's arithmetic: one wrap (2^24), TIME_HIGH 1 (<< 12), TIME_LOW 0x10 from before the boundary
    long t = (1L << 24) + (1L << 12) + 0x10;
    for (int i = 0; i < 12; i++) {
      assertEquals(30 + i, second.x()[i], "VECT_12 bit " + i + " at the base set before the boundary");
      assertEquals(200, second.y()[i]);
      assertEquals(t, second.t()[i]);
      assertTrue(second.p()[i]);
    }
    assertUnionEqualsSequential(file, "evt3", splits, OPTIONS);
  }

  @Test
  void aFileSmallerThanOneSplitIsOneSplit() throws IOException {
    List<RecordingSplit> splits = RecordingSplits.plan(file, 1L << 30, OPTIONS);
    assertEquals(1, splits.size());
    assertEquals(new RecordingSplit(file.toString(), "evt3", 0, dataStart, Files.size(file), Evt3SplitState.INITIAL),
        splits.get(0));
    assertUnionEqualsSequential(file, "evt3", splits, OPTIONS);
  }

  @Test
  void aHeaderOnlyFileIsOneEmptySplit() throws IOException {
    Path empty = tmp.resolve("header-only.raw");
    Files.writeString(empty, HEADER);
    List<RecordingSplit> splits = RecordingSplits.plan(empty, 16, OPTIONS);
    assertEquals(1, splits.size());
    assertEquals(0, splits.get(0).length());
    assertEquals(0, assertUnionEqualsSequential(empty, "evt3", splits, OPTIONS).events());
  }

  @Test
  void anEmptyFileFailsAsTheSequentialReadDoes() throws IOException {
    Path empty = tmp.resolve("empty.raw");
    Files.write(empty, new byte[0]);
    CorruptInputException seq = assertThrows(CorruptInputException.class,
        () -> EventFormats.defaults().open(empty, "evt3", OPTIONS));
    CorruptInputException plan = assertThrows(CorruptInputException.class,
        () -> RecordingSplits.plan(empty, "evt3", 16, OPTIONS));
    assertEquals(seq.getMessage(), plan.getMessage());
    assertEquals(0, plan.offset());
  }

  @Test
  void aSplitNotStartingOnATimeHighIsCorruptAtItsStart() throws IOException {
    RecordingSplit s = RecordingSplits.plan(file, 2, OPTIONS).get(2);
    RecordingSplit shifted = new RecordingSplit(s.file(), s.format(), s.index(), s.start() + 2, s.end(), s.state());
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> RecordingSplits.open(shifted, OPTIONS));
    assertEquals(file.toString(), e.source());
    assertEquals(s.start() + 2, e.offset());
    RecordingSplit odd = new RecordingSplit(s.file(), s.format(), s.index(), s.start() + 1, s.end(), s.state());
    assertEquals(s.start() + 1,
        assertThrows(CorruptInputException.class, () -> RecordingSplits.open(odd, OPTIONS)).offset());
  }

  @Test
  void aFileTruncatedAfterPlanningFailsWithTheOffset() throws IOException {
    List<RecordingSplit> splits = RecordingSplits.plan(file, 2, OPTIONS);
    RecordingSplit last = splits.get(splits.size() - 1);
    long cut = last.start() + 2;
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(cut);
    }
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> readAll(last));
    assertEquals(file.toString(), e.source());
    assertEquals(cut, e.offset());
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(last.start() - 2);
    }
    assertEquals(last.start(), assertThrows(CorruptInputException.class, () -> readAll(last)).offset());
  }

  @Test
  void aTrailingPartialWordFailsInTheLastSplitAsInTheSequentialRead() throws IOException {
    Files.write(file, new byte[] {0x01}, java.nio.file.StandardOpenOption.APPEND);
    List<RecordingSplit> splits = RecordingSplits.plan(file, 8, OPTIONS);
    CorruptInputException seq = assertThrows(CorruptInputException.class, () -> {
      try (EventReader r = EventFormats.defaults().open(file, "evt3", OPTIONS)) {
        r.readAll(OPTIONS);
      }
    });
    for (RecordingSplit s : splits.subList(0, splits.size() - 1)) {
      readAll(s);
    }
    CorruptInputException split = assertThrows(CorruptInputException.class,
        () -> readAll(splits.get(splits.size() - 1)));
    assertEquals(seq.getMessage(), split.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {1 << 10, 1 << 13, 1 << 16})
  void writerFilesWithWrapsSplitExactly(int target) throws IOException {
    Events events = Evt3RoundTripTest.randomEvents(7, 300_000);
    Path written = tmp.resolve("written.raw");
    Files.write(written, Evt3RoundTripTest.write(events, new SensorGeometry(1280, 720)));
    List<RecordingSplit> splits = RecordingSplits.plan(written, target, OPTIONS);
    assertTrue(splits.size() >= 4, splits.size() + " splits of " + Files.size(written) + " bytes");
    for (RecordingSplit s : splits.subList(0, splits.size() - 1)) {
      assertTrue(s.length() >= target, "split " + s.index() + " of " + s.length() + " bytes");
    }
    SplitUnion.Totals t = assertUnionEqualsSequential(written, "evt3", splits, OPTIONS.withChunkSize(1000));
    assertEquals(events.size(), t.events());
    assertEquals(events.t()[events.size() - 1], t.lastT());
    assertTrue(t.lastT() - t.firstT() > 3L << 24, "the file spans several 24-bit wraps");
  }

  @Test
  void theGoldenFixtureSplitsExactly() throws IOException {
    Path golden = Fixtures.file(PropheseeFixtures.EVT3);
    for (long target : new long[] {64, 1000, 4096}) {
      List<RecordingSplit> splits = RecordingSplits.plan(golden, target, OPTIONS);
      assertTrue(splits.size() > 4, splits.size() + " splits");
      assertUnionEqualsSequential(golden, "evt3", splits, OPTIONS.withChunkSize(97));
    }
  }

  @Test
  void splitsSurviveJavaSerialization() throws Exception {
    List<RecordingSplit> splits = RecordingSplits.plan(file, 2, OPTIONS);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream o = new java.io.ObjectOutputStream(bytes)) {
      o.writeObject(new java.util.ArrayList<>(splits));
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals(splits, in.readObject());
    }
  }

  private static void readAll(RecordingSplit s) throws IOException {
    try (EventReader r = RecordingSplits.open(s, OPTIONS)) {
      r.readAll(OPTIONS);
    }
  }
}
