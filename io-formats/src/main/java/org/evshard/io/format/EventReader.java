package org.evshard.io.format;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.events.TriggerEvents;

/**
 * Streams the events of one recording in bounded chunks. Memory stays bounded by the chunk size whatever the file
 * size. Content errors are {@link org.evshard.io.error.EvshardIoException}s naming the source and byte offset; I/O
 * failures are {@link IOException}s.
 */
public interface EventReader extends Closeable {

  /** Registry name of the format, e.g. {@code atis-bin}. */
  String formatName();

  /** The file or archive member being read, as used in error messages. */
  String sourceName();

  /** The sensor geometry the file states, else the one given in {@link ReadOptions}; empty when neither knows. */
  Optional<SensorGeometry> geometry();

  /**
   * Refills {@code chunk} from index 0 with the next events, up to its capacity.
   *
   * @return false when the recording is exhausted (then {@code chunk.size() == 0})
   */
  boolean nextChunk(EventChunk chunk) throws IOException;

  /** Bytes of the source consumed so far (the offset of the next unread byte). */
  long bytePosition();

  /**
   * How many events are left, when the format can tell from the bytes left alone (fixed-size records, over a stream
   * that knows its length): at least the true count, and equal to it unless some records are not events. 0 when the
   * reader cannot tell. {@link #readAll} then decodes straight into columns of that size.
   */
  default long remainingEventsBound() throws IOException {
    return 0;
  }

  /**
   * Header fields the file states (camera, streams, compression, geometry, ...), in file order, for
   * {@code evshard inspect}. Empty when the format has no header.
   */
  default Map<String, String> headerFields() {
    return Map.of();
  }

  /**
   * Records read but not returned as DVS events so far, by kind (e.g. {@code aps}, {@code imu}, {@code trigger},
   * {@code invalid}, {@code before-first-time-high}). Empty when nothing was skipped.
   */
  default Map<String, Long> skippedCounts() {
    return Map.of();
  }

  /**
   * External trigger events met while filling the most recent chunk (cleared by each {@link #nextChunk} call); an empty
   * buffer for formats without triggers.
   */
  default TriggerEvents triggers() {
    return new TriggerEvents();
  }

  /** Reads every remaining event into memory, failing once more than {@code maxEvents} events are seen. */
  default Events readAll(ReadOptions options) throws IOException {
    return readAll(options, new EventChunk(options.chunkSize()));
  }

  /**
   * Reads every remaining event into memory through a caller-owned chunk (reused across recordings to spare its
   * allocation), failing once more than {@code maxEvents} events are seen. When the reader knows a bound on the
   * events left ({@link #remainingEventsBound}, at most {@link #OWN_COLUMNS_MAX}), they are decoded straight into
   * columns of that size, which become the result without a copy when the bound is exact. Otherwise each event is
   * copied once from the chunk, plus once more to trim the columns when the recording spans several chunks: a
   * recording that fits in one chunk costs one copy, so a caller reading many similar recordings does best with a
   * chunk as large as one of them.
   */
  default Events readAll(ReadOptions options, EventChunk scratch) throws IOException {
    Events first = null;
    long total = 0;
    long bound = remainingEventsBound();
    if (bound > 0 && bound <= Math.min(options.maxEvents(), OWN_COLUMNS_MAX)) {
      EventChunk own = new EventChunk((int) bound);
      if (!nextChunk(own)) {
        return Events.empty();
      }
      total = own.size();
      first = own.isFull() ? own.wrapFull() : own.toEvents(); // not full: some records were not events
    }
    EventsBuilder all = null;
    while (nextChunk(scratch)) {
      total += scratch.size();
      if (total > options.maxEvents()) {
        throw new LimitExceededException(sourceName(), bytePosition(), "event count", total, options.maxEvents(),
            "counted up to this offset, where the limit was passed: the recording may hold more");
      }
      if (all == null && first == null && scratch.size() < scratch.capacity()) {
        first = scratch.toEvents(); // a chunk that is not full is usually the last one
        continue;
      }
      if (all == null) {
        all = new EventsBuilder((int) Math.min(Integer.MAX_VALUE - 8, 2 * total));
        if (first != null) {
          all.add(first);
          first = null;
        }
      }
      all.add(scratch);
    }
    if (all != null) {
      return all.take();
    }
    return first != null ? first : Events.empty();
  }

  /**
   * The rejection {@code over} that {@link #readAll} raised, with the recording's true event count: the rest is decoded
   * through {@code scratch} without being kept (a pass as long as the file), so that the message states what a user
   * sets the limit from, and still the offset where the limit was passed. When the rest fails to decode, the count is
   * a lower bound, and the failure its cause. Any other limit (a length field, say) comes back as it is.
   */
  default LimitExceededException countingTheRest(LimitExceededException over, EventChunk scratch) {
    if (!over.reason().startsWith("event count of ")) {
      return over;
    }
    long total = over.found();
    try {
      while (nextChunk(scratch)) {
        total += scratch.size();
      }
    } catch (IOException | RuntimeException e) {
      return new LimitExceededException(over.source(), over.offset(), "event count", total, over.limit(),
          "the limit was passed at this offset; the recording holds at least this many events (decoding the rest "
              + "failed: " + e.getMessage() + ")", e);
    }
    return new LimitExceededException(over.source(), over.offset(), "event count", total, over.limit(),
        "the limit was passed at this offset");
  }

  /** Largest {@link #remainingEventsBound} that {@link #readAll} allocates columns for up front (2^26 events). */
  long OWN_COLUMNS_MAX = 1L << 26;
}
