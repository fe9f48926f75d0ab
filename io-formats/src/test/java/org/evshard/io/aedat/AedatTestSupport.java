package org.evshard.io.aedat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.format.EventReader;

/** Comparisons and chunked reads the AEDAT tests share. */
final class AedatTestSupport {

  private AedatTestSupport() {}

  /** Every event equal, reporting the first difference by index. */
  static void assertSameEvents(Events expected, Events actual) {
    assertEquals(expected.size(), actual.size(), "event count");
    for (int i = 0; i < expected.size(); i++) {
      int k = i;
      assertTrue(expected.x()[i] == actual.x()[i] && expected.y()[i] == actual.y()[i]
          && expected.t()[i] == actual.t()[i] && expected.p()[i] == actual.p()[i],
          () -> "event " + k + " differs: expected " + describe(expected, k) + ", found " + describe(actual, k));
    }
    assertEquals(expected, actual);
  }

  static String describe(Events e, int i) {
    return "(" + e.x()[i] + ", " + e.y()[i] + ", " + e.t()[i] + ", " + e.p()[i] + ")";
  }

  /** All events of {@code r} read through a chunk of {@code chunkSize}, checking each chunk's size bounds. */
  static Events readChunked(EventReader r, int chunkSize) throws IOException {
    EventsBuilder all = new EventsBuilder();
    EventChunk c = new EventChunk(chunkSize);
    while (r.nextChunk(c)) {
      assertTrue(c.size() > 0 && c.size() <= chunkSize);
      all.add(c);
    }
    assertEquals(0, c.size());
    return all.build();
  }
}
