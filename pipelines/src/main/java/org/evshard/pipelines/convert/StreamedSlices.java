package org.evshard.pipelines.convert;

import java.io.Closeable;
import java.io.IOException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.format.EventReader;
import org.evshard.transforms.slice.SliceAssembler;
import org.evshard.transforms.slice.SliceBounds;

/**
 * The second pass of streamed slicing: the slices of one recording, read again chunk by chunk and handed out in slice
 * order as each completes ({@link SliceAssembler}), holding only the events of the open slices and one chunk. A slice
 * of more than {@code maxEvents} events fails with a {@link LimitExceededException} as soon as it grows past the
 * limit; a recording that no longer matches what the first pass measured fails too. Both name the source and the
 * byte offset reached.
 */
final class StreamedSlices implements Closeable {

  private final EventReader reader;
  private final RecordingTotals totals;
  private final EventChunk chunk;
  private final long maxEvents;
  private final SliceAssembler assembler;
  private long lastT = Long.MIN_VALUE;
  private boolean finished;

  StreamedSlices(EventReader reader, RecordingTotals totals, SliceBounds bounds, EventChunk chunk, long maxEvents) {
    this.reader = reader;
    this.totals = totals;
    this.chunk = chunk;
    this.maxEvents = maxEvents;
    this.assembler = new SliceAssembler(bounds);
  }

  /** The next slice's events, null after the last slice. */
  Events next() throws IOException {
    while (true) {
      Events slice = assembler.poll();
      if (slice != null) {
        requireWithinLimit(assembler.taken() - 1, slice.size());
        return slice;
      }
      if (finished) {
        return null;
      }
      if (reader.nextChunk(chunk)) {
        requireUnchanged(chunk);
        assembler.add(chunk);
        if (assembler.openSliceEvents() > maxEvents) {
          requireWithinLimit(assembler.openSlice(), assembler.openSliceEvents());
        }
      } else {
        requireSameTotals();
        assembler.finish();
        finished = true;
      }
    }
  }

  private void requireWithinLimit(int slice, long events) {
    if (events > maxEvents) {
      throw new LimitExceededException(reader.sourceName(), reader.bytePosition(), "slice " + slice
          + " of the streamed recording: event count", events, maxEvents);
    }
  }

  private void requireUnchanged(EventChunk c) {
    long previous = lastT;
    for (int i = 0; i < c.size(); i++) {
      if (c.t[i] < previous) {
        throw changed("an event at t = " + c.t[i] + " after t = " + previous);
      }
      previous = c.t[i];
    }
    lastT = previous;
    if (assembler.eventsSeen() + c.size() > totals.count()) {
      throw changed("more than " + totals.count() + " events");
    }
  }

  private void requireSameTotals() {
    long n = assembler.eventsSeen();
    if (n != totals.count() || (n > 0 && lastT != totals.tLast())) {
      throw changed(n + " events ending at t = " + lastT);
    }
  }

  private EvshardIoException changed(String found) {
    return new EvshardIoException(reader.sourceName(), reader.bytePosition(), "the recording changed between the two "
        + "passes of streamed slicing: expected " + totals.count() + " time-ordered events from t = "
        + totals.tFirst() + " to t = " + totals.tLast() + ", found " + found);
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
