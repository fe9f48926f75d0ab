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
   * Reads {@code r} to the end, checking that {@link EventReader#remainingEventsBound}, where the reader gives one, is
   * at least the number of events that follow, from the start and from the end of every chunk.
   *
   * @param consumesAll whether the format ends where the input ends (then {@code bytePosition()} must equal the input
   *     length); false for formats that may stop before a trailer, such as AEDAT4's data table
   */
  public static void readToEnd(EventReader r, ReadOptions o, int inputLength, boolean consumesAll)
      throws IOException {
    EventChunk c = new EventChunk(o.chunkSize());
    java.util.List<long[]> bounds = new java.util.ArrayList<>(); // {events read before, bound then}
    long total = 0;
    noteBound(r, bounds, total);
    while (r.nextChunk(c)) {
      if (c.size() <= 0 || c.size() > o.chunkSize()) {
        throw new AssertionError("chunk of " + c.size() + " events, capacity " + o.chunkSize());
      }
      r.triggers().size();
      total += c.size();
      noteBound(r, bounds, total);
    }
    for (long[] b : bounds) {
      if (total - b[0] > b[1]) {
        throw new AssertionError("remainingEventsBound " + b[1] + " after " + b[0] + " events, but "
            + (total - b[0]) + " followed");
      }
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

  private static void noteBound(EventReader r, java.util.List<long[]> bounds, long readSoFar) throws IOException {
    long bound = r.remainingEventsBound();
    if (bound < 0) {
      throw new AssertionError("remainingEventsBound " + bound + " is negative");
    }
    if (bound > 0) {
      bounds.add(new long[] {readSoFar, bound});
    }
  }
}
