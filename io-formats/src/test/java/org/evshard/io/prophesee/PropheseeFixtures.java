package org.evshard.io.prophesee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/** Fixture paths and read helpers shared by the Prophesee reader tests. */
final class PropheseeFixtures {

  static final String EVT2 = "fixtures/events/evt2/evt2_sample.raw";
  static final String EVT3 = "fixtures/events/evt3_small/evt3_sample.raw";
  static final String DAT = "fixtures/events/dat/sample_ncars.dat";

  private PropheseeFixtures() {}

  /** Reads every event chunk by chunk with chunks of {@code chunkSize}, checking bytePosition at the end. */
  static Events read(EventFormat format, byte[] data, int chunkSize) throws IOException {
    return read(format, new ByteArrayInputStream(data), data.length, chunkSize);
  }

  static Events read(EventFormat format, InputStream in, long length, int chunkSize) throws IOException {
    ReadOptions o = ReadOptions.defaults().withChunkSize(chunkSize);
    EventsBuilder all = new EventsBuilder();
    try (EventReader r = format.open(in, "test." + format.name(), o)) {
      EventChunk c = new EventChunk(chunkSize);
      while (r.nextChunk(c)) {
        assertTrue(c.size() > 0 && c.size() <= chunkSize, "chunk size " + c.size());
        all.add(c);
      }
      assertEquals(0, c.size());
      assertEquals(length, r.bytePosition(), "bytePosition after the last chunk");
    }
    return all.build();
  }

  /** Asserts equal events, naming the first index that differs. */
  static void assertSameEvents(Events expected, Events actual) {
    int n = Math.min(expected.size(), actual.size());
    for (int i = 0; i < n; i++) {
      if (expected.x()[i] != actual.x()[i] || expected.y()[i] != actual.y()[i] || expected.t()[i] != actual.t()[i]
          || expected.p()[i] != actual.p()[i]) {
        throw new AssertionError("event " + i + " differs: expected " + describe(expected, i) + ", found "
            + describe(actual, i));
      }
    }
    assertEquals(expected.size(), actual.size(), "event count");
    assertEquals(expected, actual);
  }

  private static String describe(Events e, int i) {
    return "(x=" + e.x()[i] + ", y=" + e.y()[i] + ", t=" + e.t()[i] + ", p=" + e.p()[i] + ")";
  }
}
