package org.evshard.io.prophesee;

import static org.evshard.io.format.SplitUnion.assertUnionEqualsSequential;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.evshard.io.Fixtures;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.events.Events;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.format.RecordingSplit;
import org.evshard.io.format.RecordingSplits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Split reading of EVT 2.0 files: every plan's splits, read in order, equal the sequential read. */
class Evt2SplitTest {

  private static final ReadOptions OPTIONS = ReadOptions.defaults();
  private static final int MAX_HIGH = 0x0FFFFFFF;

  @TempDir
  Path tmp;
  private Path file;
  private long dataStart;
  private long wrapAt;

  /** Events before the first TIME_HIGH, a repeated TIME_HIGH, a wrap of the 34-bit counter, a trigger, OTHERS. */
  @BeforeEach
  void craft() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String header = "% evt 2.0\n% format EVT2;height=480;width=640\n% end\n";
    SpecEvt2Encoder e = new SpecEvt2Encoder(out, header);
    dataStart = header.length();
    e.cd(1, 1, 1, true).word(0xE0000000L);
    e.timeHigh(MAX_HIGH - 1).cd(2, 3, 4, true).cd(5, 6, 63, false).timeHigh(MAX_HIGH - 1).cd(7, 8, 0, true);
    e.trigger(9, 2, true).timeHigh(MAX_HIGH).cd(10, 11, 12, false).word(0xF0000000L).word(0x50000000L);
    wrapAt = out.size();
    e.timeHigh(3).cd(13, 14, 15, true).timeHigh(4).cd(16, 17, 18, false).timeHigh(0).cd(19, 20, 21, true);
    file = tmp.resolve("crafted-evt2.raw");
    Files.write(file, out.toByteArray());
  }

  @Test
  void everyTargetSizeGivesTheSequentialRead() throws IOException {
    long size = Files.size(file);
    for (long target = 1; target <= size + 1; target++) {
      List<RecordingSplit> splits = RecordingSplits.plan(file, target, OPTIONS);
      for (int chunk : new int[] {1, 2, 4096}) {
        assertUnionEqualsSequential(file, "evt2", splits, OPTIONS.withChunkSize(chunk));
      }
    }
    List<RecordingSplit> each = RecordingSplits.plan(file, 4, OPTIONS);
    assertEquals(7, each.size(), "one split before the first TIME_HIGH, then one per TIME_HIGH");
    assertEquals(Map.of("before-first-time-high", 2L, "trigger", 1L, "continued", 1L, "reserved", 1L),
        assertUnionEqualsSequential(file, "evt2", each, OPTIONS).skipped());
  }

  @Test
  void aBoundaryOnAWrappingTimeHighCarriesTheWrapCount() throws IOException {
    List<RecordingSplit> splits = RecordingSplits.plan(file, wrapAt - dataStart, OPTIONS);
    assertEquals(wrapAt, splits.get(1).start());
    assertEquals(new Evt2SplitState(true, 0, MAX_HIGH), splits.get(1).state());
    Events second;
    try (EventReader r = RecordingSplits.open(splits.get(1), OPTIONS)) {
      second = r.readAll(OPTIONS);
    }
    // the spec's arithmetic: one wrap of the 34-bit counter, TIME_HIGH 3 (<< 6), low bits 15
    assertEquals((1L << 34) + (3L << 6) + 15, second.t()[0]);
    assertEquals((2L << 34) + 21, second.t()[second.size() - 1], "a second wrap inside the split");
    assertUnionEqualsSequential(file, "evt2", splits, OPTIONS);
  }

  @Test
  void aSplitNotStartingOnATimeHighIsCorruptAtItsStart() throws IOException {
    RecordingSplit s = RecordingSplits.plan(file, 4, OPTIONS).get(3);
    RecordingSplit shifted = new RecordingSplit(s.file(), s.format(), s.index(), s.start() + 4, s.end(), s.state());
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> RecordingSplits.open(shifted, OPTIONS));
    assertEquals(file.toString(), e.source());
    assertEquals(s.start() + 4, e.offset());
  }

  @Test
  void theGoldenFixtureSplitsExactly() throws IOException {
    Path golden = Fixtures.file(PropheseeFixtures.EVT2);
    List<RecordingSplit> splits = RecordingSplits.plan(golden, Files.size(golden) / 7, OPTIONS);
    assertTrue(splits.size() >= 7, splits.size() + " splits");
    assertTrue(assertUnionEqualsSequential(golden, "evt2", splits, OPTIONS.withChunkSize(1000)).events() > 0);
  }
}
