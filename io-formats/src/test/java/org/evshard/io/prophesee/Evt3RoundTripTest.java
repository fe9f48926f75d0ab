package org.evshard.io.prophesee;

import static org.evshard.io.prophesee.PropheseeFixtures.assertSameEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.events.SensorGeometry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Evt3RoundTripTest {

  static final SensorGeometry HD = new SensorGeometry(1280, 720);
  private static Events events;
  private static byte[] file;

  /**
   * Time-sorted events on a 1280x720 sensor: bursts at one timestamp holding runs of neighbouring pixels on one row
   * (so the writer uses vector words) and scattered single pixels; gaps from 0 us to several 24-bit wraps.
   */
  static Events randomEvents(long seed, int n) {
    Random r = new Random(seed);
    EventsBuilder b = new EventsBuilder();
    long t = 16_000_000 + r.nextInt(1000);
    while (b.size() < n) {
      int gap = r.nextInt(1000);
      t += gap == 0 ? (long) (1 + r.nextInt(3)) << 24 : gap < 5 ? r.nextInt(1 << 20) : r.nextInt(40);
      int burst = 1 + r.nextInt(20);
      for (int k = 0; k < burst && b.size() < n; k++) {
        int y = r.nextInt(HD.height());
        boolean p = r.nextBoolean();
        int x = r.nextInt(HD.width() - 64);
        int run = r.nextInt(4) == 0 ? 1 : 1 + r.nextInt(30);
        for (int i = 0; i < run && b.size() < n && x < HD.width(); i++) {
          b.add((short) x, (short) y, t, p);
          x += 1 + (r.nextInt(4) == 0 ? r.nextInt(14) : 0);
        }
      }
    }
    return b.build();
  }

  static byte[] write(Events e, SensorGeometry g) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Evt3Writer w = new Evt3Writer(out, g)) {
      w.write(e);
    }
    return out.toByteArray();
  }

  @BeforeAll
  static void writeOnce() throws IOException {
    events = randomEvents(2024, 3_000_000);
    file = write(events, HD);
  }

  @Test
  void severalMillionEventsAcrossTheTwentyFourBitWrapRoundTripExactly() throws IOException {
    assertTrue(events.t()[events.size() - 1] - events.t()[0] > 5L << 24, "the sample spans several wraps");
    assertSameEvents(events, PropheseeFixtures.read(new Evt3Format(), file, 65_536));
  }

  /** A 100-day silence is bridged by TIME_HIGH words (about 0.5 M); a jump to an absolute clock is refused. */
  @Test
  void longSilencesRoundTripAndAbsoluteClockTimesAreRefused() throws IOException {
    long day = 86_400_000_000L;
    Events gap = Events.wrap(new short[] {1, 2, 3}, new short[] {4, 5, 6}, new long[] {10, 100 * day, 100 * day + 7},
        new boolean[] {true, false, true});
    assertSameEvents(gap, PropheseeFixtures.read(new Evt3Format(), write(gap, HD), 2));
    Events epoch = Events.wrap(new short[] {1}, new short[] {1}, new long[] {1_605_537_493_718_345L},
        new boolean[] {true});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> write(epoch, HD));
    assertTrue(e.getMessage().contains("TIME_HIGH words") && e.getMessage().contains("shift the timestamps"),
        e.getMessage());
  }

  @Test
  void theWriterUsesVectorWordsOfBothSizes() {
    int[] counts = wordTypeCounts(file);
    assertTrue(counts[0x4] > 10_000, "VECT_12 words: " + counts[0x4]);
    assertTrue(counts[0x5] > 10_000, "VECT_8 words: " + counts[0x5]);
    assertTrue(counts[0x2] > 10_000, "EVT_ADDR_X words: " + counts[0x2]);
    assertTrue(file.length < 2L * 2 * events.size(), "vectors make the file smaller than 2 words per event");
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 4096, 1_000_000})
  void chunkSizeDoesNotChangeTheEvents(int chunkSize) throws IOException {
    assertSameEvents(events, PropheseeFixtures.read(new Evt3Format(), file, chunkSize));
  }

  @Test
  void wordsSplitAcrossBlocksAndVectorBasesFromAnEarlierBlockDecode() throws IOException {
    // a 7-byte header line puts every 64 KiB block boundary in the middle of a 16-bit word
    byte[] odd = insertAfterFirstLine(file, "% odd 1\n");
    assertTrue(odd.length > 2 * BlockInput.BLOCK_BYTES, "the file spans several blocks: " + odd.length);
    assertSameEvents(events, PropheseeFixtures.read(new Evt3Format(), odd, 4096));
  }

  @Test
  void aJumpOfManyWrapsIsChainedThroughTimeHighWords() throws IOException {
    long far = (1L << 40) + 12345;
    Events e = Events.wrap(new short[] {1, 2, 3}, new short[] {4, 5, 6}, new long[] {3, 3 + (1L << 24), far},
        new boolean[] {true, false, true});
    assertSameEvents(e, PropheseeFixtures.read(new Evt3Format(), write(e, null), 2));
  }

  @Test
  void aFirstTimestampBeyondOneWrapIsKept() throws IOException {
    Events e = Events.wrap(new short[] {1}, new short[] {1}, new long[] {5L << 24 | 77}, new boolean[] {true});
    assertSameEvents(e, PropheseeFixtures.read(new Evt3Format(), write(e, HD), 2));
  }

  @Test
  void unsortedTimestampsAreRejectedNamingTheEvent() {
    Events e = Events.wrap(new short[] {1, 2}, new short[] {1, 1}, new long[] {10, 9}, new boolean[] {true, true});
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> write(e, HD));
    assertTrue(x.getMessage().startsWith("event 1:") && x.getMessage().contains("sorted"), x.getMessage());
  }

  @Test
  void coordinatesOutsideTheGeometryAreRejected() {
    Events e = Events.wrap(new short[] {1280}, new short[] {1}, new long[] {1}, new boolean[] {true});
    assertThrows(IllegalArgumentException.class, () -> write(e, HD));
    Events neg = Events.wrap(new short[] {1}, new short[] {1}, new long[] {-1}, new boolean[] {true});
    assertThrows(IllegalArgumentException.class, () -> write(neg, null));
  }

  @Test
  void theHeaderStatesTheGeometry() throws IOException {
    byte[] data = write(Events.wrap(new short[0], new short[0], new long[0], new boolean[0]), HD);
    assertEquals("% evt 3.0\n% format EVT3;height=720;width=1280\n% geometry 1280x720\n% end\n",
        new String(data, StandardCharsets.US_ASCII));
  }

  static byte[] insertAfterFirstLine(byte[] data, String line) {
    int nl = 0;
    while (data[nl] != '\n') {
      nl++;
    }
    byte[] add = line.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[data.length + add.length];
    System.arraycopy(data, 0, out, 0, nl + 1);
    System.arraycopy(add, 0, out, nl + 1, add.length);
    System.arraycopy(data, nl + 1, out, nl + 1 + add.length, data.length - nl - 1);
    return out;
  }

  private static int[] wordTypeCounts(byte[] data) {
    String text = new String(data, 0, 200, StandardCharsets.ISO_8859_1);
    int start = text.indexOf("% end\n") + 6;
    int[] counts = new int[16];
    for (int o = start; o + 1 < data.length; o += 2) {
      counts[(data[o + 1] & 0xFF) >>> 4]++;
    }
    return counts;
  }
}
