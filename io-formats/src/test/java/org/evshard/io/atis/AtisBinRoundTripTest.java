package org.evshard.io.atis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtisBinRoundTripTest {

  static Events randomEvents(long seed, int n) {
    Random r = new Random(seed);
    EventsBuilder b = new EventsBuilder();
    long t = r.nextInt(1000);
    for (int i = 0; i < n; i++) {
      int gap = r.nextInt(100);
      if (gap == 0) {
        t += (long) r.nextInt(5) << 23; // jump over several 23-bit overflows
      } else if (gap == 1) {
        t += r.nextInt(1 << 22);
      } else {
        t += r.nextInt(50);
      }
      short y;
      do {
        y = (short) r.nextInt(256);
      } while (y == AtisBinReader.OVERFLOW_Y);
      b.add((short) r.nextInt(256), y, t, r.nextBoolean());
    }
    return b.build();
  }

  static byte[] write(Events e) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (AtisBinWriter w = new AtisBinWriter(out)) {
      w.write(e);
    }
    return out.toByteArray();
  }

  static Events read(byte[] data, int chunkSize) throws IOException {
    ReadOptions o = ReadOptions.defaults().withChunkSize(chunkSize);
    try (AtisBinReader r = new AtisBinReader(new ByteArrayInputStream(data), "roundtrip", o)) {
      return r.readAll(o);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 42, 2024, 987654321})
  void randomEventsRoundTripExactly(long seed) throws IOException {
    Events e = randomEvents(seed, 50_000);
    assertTrue(e.t()[e.size() - 1] > 4L << 23, "the sample must span several overflows");
    byte[] data = write(e);
    assertTrue(data.length > 5 * e.size(), "overflow markers were written");
    assertEquals(e, read(data, ReadOptions.DEFAULT_CHUNK_SIZE));
    assertEquals(e, read(data, 7));
  }

  @Test
  void timestampsMayGoBackWithinTheCurrentOverflowWindow() throws IOException {
    long big = 3L << 23;
    Events e = Events.wrap(new short[] {1, 2, 3}, new short[] {1, 2, 3}, new long[] {big, big - 5, big + 100},
        new boolean[] {true, false, true});
    assertEquals(e, read(write(e), 2));
  }

  @Test
  void rejectsWhatTheFormatCannotHold() {
    assertRejected(Events.wrap(new short[] {0, 256}, new short[] {0, 0}, new long[] {0, 1},
        new boolean[] {false, false}), "event 1");
    assertRejected(Events.wrap(new short[] {0}, new short[] {240}, new long[] {0}, new boolean[] {false}), "event 0");
    assertRejected(Events.wrap(new short[] {0}, new short[] {-1}, new long[] {0}, new boolean[] {false}), "event 0");
    assertRejected(Events.wrap(new short[] {0}, new short[] {0}, new long[] {-1}, new boolean[] {false}), "event 0");
    long far = 10L << 23;
    assertRejected(Events.wrap(new short[] {0, 0, 0}, new short[] {0, 0, 0}, new long[] {5, far, 7},
        new boolean[] {false, false, false}), "event 2");
  }

  /** A recording without events would be a 0-byte file, which the reader refuses as empty: the writer refuses it. */
  @Test
  void aRecordingWithoutEventsIsRefusedWhenTheWriterCloses() {
    Events none = Events.wrap(new short[0], new short[0], new long[0], new boolean[0]);
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> write(none));
    assertTrue(x.getMessage().startsWith("no event to write: an ATIS .bin file without events has 0 bytes"),
        x.getMessage());
  }

  private static void assertRejected(Events e, String index) {
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> write(e));
    assertTrue(x.getMessage().startsWith(index + ":"), x.getMessage());
  }
}
