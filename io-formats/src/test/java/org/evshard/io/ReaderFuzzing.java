package org.evshard.io;

import java.io.IOException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/**
 * What every reader fuzz test does with a reader over arbitrary bytes: read it to the end in chunks, checking that
 * each chunk is non-empty and within capacity, and call every accessor. The caller treats an
 * {@link org.evshard.io.error.EvshardIoException} as a valid outcome; anything else escaping is a bug.
 */
public final class ReaderFuzzing {

  private ReaderFuzzing() {}

  /**
   * Reads {@code r} to the end.
   *
   * @param consumesAll whether the format ends where the input ends (then {@code bytePosition()} must equal the input
   *     length); false for formats that may stop before a trailer, such as AEDAT4's data table
   */
  public static void readToEnd(EventReader r, ReadOptions o, int inputLength, boolean consumesAll)
      throws IOException {
    EventChunk c = new EventChunk(o.chunkSize());
    while (r.nextChunk(c)) {
      if (c.size() <= 0 || c.size() > o.chunkSize()) {
        throw new AssertionError("chunk of " + c.size() + " events, capacity " + o.chunkSize());
      }
      r.triggers().size();
    }
    if (c.size() != 0) {
      throw new AssertionError("an exhausted reader left " + c.size() + " events in the chunk");
    }
    if (consumesAll && r.bytePosition() != inputLength) {
      throw new AssertionError("bytePosition " + r.bytePosition() + " after reading " + inputLength + " bytes");
    }
    r.skippedCounts();
    r.headerFields();
    r.geometry();
  }
}
