package org.evshard.io.aedat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.SplittableRandom;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No real AEDAT 3.1 recording with a reference decode exists here: every input is built from the specification. */
class Aedat31ReaderTest {

  private static Aedat31Reader open(byte[] data) throws IOException {
    return new Aedat31Reader(new ByteArrayInputStream(data), "spec.aedat", ReadOptions.defaults());
  }

  @Test
  void specBuiltPolarityPacketsDecodeWithOverflowAndInvalidEvents() throws IOException {
    byte[] data = new Aedat31SpecBuilder("#Source 1: DVS128")
        .polarity(0, new int[] {5, 7, 1, 100, 1}, new int[] {127, 0, 0, 200, 1}, new int[] {1, 1, 1, 250, 0})
        .other(2, 40, 3)
        .polarity(2, new int[] {0, 127, 1, 17, 1})
        .bytes();
    try (Aedat31Reader r = open(data)) {
      assertEquals(new SensorGeometry(128, 128), r.geometry().orElseThrow());
      Events e = r.readAll(ReadOptions.defaults());
      assertEquals(Events.wrap(new short[] {5, 127, 0}, new short[] {7, 0, 127},
          new long[] {100, 200, (2L << 31) | 17}, new boolean[] {true, false, true}), e);
      assertEquals(Map.of("invalid", 1L, "packet-type-2", 3L), r.skippedCounts());
      assertEquals(data.length, r.bytePosition());
      assertEquals("DVS128", r.headerFields().get("source"));
    }
  }

  /** A file cut 7 bytes into an event: the message says so, at the offset where that event starts. */
  @Test
  void aFileCutInsideAnEventNamesTheBytesLeftAndTheOffset() throws IOException {
    byte[] whole = new Aedat31SpecBuilder(null)
        .polarity(0, new int[] {5, 7, 1, 100, 1}, new int[] {6, 8, 0, 200, 1}, new int[] {7, 9, 1, 300, 1})
        .bytes();
    int cut = whole.length - 1; // the last event: 7 of its 8 bytes
    byte[] data = java.util.Arrays.copyOf(whole, cut);
    CorruptInputException e = org.junit.jupiter.api.Assertions.assertThrows(CorruptInputException.class, () -> {
      try (Aedat31Reader r = open(data)) {
        r.readAll(ReadOptions.defaults());
      }
    });
    assertEquals(cut - 7, e.offset(), e.getMessage());
    assertTrue(e.getMessage().contains("expected 8 bytes of an event and the header's 1 more event, found 7 bytes"),
        e.getMessage());
    assertTrue(e.getMessage().contains("spec.aedat"), e.getMessage());
  }

  /**
   * An int32 timestamp with bit 31 set merged that bit with eventTSOverflow: packet 0's event read as t = 2^31 + 648,
   * inside overflow 1's range. Now an error at the timestamp's offset; an invalid event's timestamp is not read.
   */
  @Test
  void aNegativeEventTimestampIsRefusedAtItsOffset() throws IOException {
    byte[] data = new Aedat31SpecBuilder(null)
        .polarity(0, new int[] {5, 7, 1, 100, 1}, new int[] {1, 1, 1, -5, 0}, new int[] {6, 8, 0, 1 << 31 | 648, 1})
        .bytes();
    CorruptInputException e = org.junit.jupiter.api.Assertions.assertThrows(CorruptInputException.class, () -> {
      try (Aedat31Reader r = open(data)) {
        r.readAll(ReadOptions.defaults());
      }
    });
    assertEquals(data.length - 4, e.offset(), e.getMessage());
    assertTrue(e.getMessage().contains("an event timestamp in 0..2147483647 (int32 >= 0, as libcaer writes them), "
        + "found " + (1 << 31 | 648)), e.getMessage());
  }

  @Test
  void specBuiltSpecialPacketsGiveTriggers() throws IOException {
    byte[] data = new Aedat31SpecBuilder(null)
        .special(0, new int[] {2, 10}, new int[] {3, 20}, new int[] {0, 25}, new int[] {9, 30})
        .polarity(0, new int[] {1, 2, 1, 40, 1})
        .bytes();
    try (Aedat31Reader r = open(data)) {
      assertTrue(r.geometry().isEmpty());
      EventChunk c = new EventChunk(16);
      assertTrue(r.nextChunk(c));
      assertEquals(1, c.size());
      assertEquals(3, r.triggers().size());
      assertEquals(10, r.triggers().t(0));
      assertTrue(r.triggers().rising(0));
      assertFalse(r.triggers().rising(1));
      assertEquals(2, r.triggers().channel(2));
      assertEquals(Map.of("trigger", 3L, "special", 1L), r.skippedCounts());
    }
  }

  static byte[] specBuiltStream(long seed, int packets) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Aedat31SpecBuilder b = new Aedat31SpecBuilder("#Source 1: DAVIS240C");
    int t = 0;
    for (int k = 0; k < packets; k++) {
      int n = 1 + rnd.nextInt(3000);
      int[][] ev = new int[n][];
      for (int i = 0; i < n; i++) {
        t += rnd.nextInt(5);
        ev[i] = new int[] {rnd.nextInt(240), rnd.nextInt(180), rnd.nextInt(2), t, rnd.nextInt(50) == 0 ? 0 : 1};
      }
      b.polarity(0, ev);
      if (k % 3 == 0) {
        b.other(3, 36, 2);
      }
    }
    return b.bytes();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 4096, 1_000_000})
  void specBuiltStreamChunkSizeDoesNotChangeTheEvents(int chunkSize) throws IOException {
    byte[] data = specBuiltStream(11, 60);
    Events whole;
    try (Aedat31Reader r = open(data)) {
      whole = r.readAll(ReadOptions.defaults());
    }
    try (Aedat31Reader r = open(data)) {
      assertEquals(whole, AedatTestSupport.readChunked(r, chunkSize));
    }
    assertTrue(whole.size() > 50_000);
  }

  @Test
  void specBuiltStreamDecodesEveryValidEvent() throws IOException {
    byte[] data = specBuiltStream(3, 5);
    SplittableRandom rnd = new SplittableRandom(3);
    EventsBuilder expected = new EventsBuilder();
    int t = 0;
    for (int k = 0; k < 5; k++) {
      int n = 1 + rnd.nextInt(3000);
      for (int i = 0; i < n; i++) {
        t += rnd.nextInt(5);
        int x = rnd.nextInt(240);
        int y = rnd.nextInt(180);
        int p = rnd.nextInt(2);
        if (rnd.nextInt(50) != 0) {
          expected.add((short) x, (short) y, t, p == 1);
        }
      }
    }
    try (Aedat31Reader r = open(data)) {
      AedatTestSupport.assertSameEvents(expected.build(), r.readAll(ReadOptions.defaults()));
    }
  }
}
