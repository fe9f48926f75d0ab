package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.error.Wording;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.events.TriggerEvents;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/**
 * What the Prophesee readers share: the {@code %} header, a block buffer decoded in place, fixed-size words (a
 * trailing partial word is an error naming its offset), skipped-record counts, the trigger channel, and the
 * remainder of a vector word that did not fit into the caller's chunk. Subclasses implement {@link #decode}.
 */
abstract class WordReader implements EventReader {

  /** Skipped-count kind: words met before the first TIME_HIGH (no time base yet). */
  static final String BEFORE_TIME_HIGH = "before-first-time-high";
  /** Skipped-count kind: external trigger words (returned through {@link #triggers()} instead). */
  static final String TRIGGER = "trigger";
  /** Skipped-count kind: OTHERS words (monitoring, event-rate counters). */
  static final String OTHERS = "others";
  /** Skipped-count kind: CONTINUED words (payload of a multi-word OTHERS/IMU record). */
  static final String CONTINUED = "continued";
  /** Skipped-count kind: words of a type the specification reserves or evshard does not decode (e.g. IMU). */
  static final String RESERVED = "reserved";

  final BlockInput in;
  final String source;
  final RawHeader header;
  final TriggerEvents triggers = new TriggerEvents(this::sourceName, this::bytePosition);
  private final Optional<SensorGeometry> geometry;
  private final int wordBytes;
  private final Map<String, Long> skipped = new LinkedHashMap<>();

  // the events of a vector word left over when the chunk filled up: bit i set = pixel (pendingX + i, pendingY)
  private long pendingMask;
  private int pendingX;
  private short pendingY;
  private long pendingT;
  private boolean pendingP;

  WordReader(InputStream stream, String source, ReadOptions options, int wordBytes) throws IOException {
    this.in = new BlockInput(stream, BlockInput.BLOCK_BYTES);
    this.source = source;
    this.wordBytes = wordBytes;
    this.header = RawHeader.read(in, source, options.maxHeaderBytes());
    this.geometry = header.geometry().or(options::sensorOption);
  }

  /** Whether every word holds at most one event (DAT, EVT 2.0): then the words left bound the events left. */
  boolean atMostOneEventPerWord() {
    return false;
  }

  @Override
  public long remainingEventsBound() throws IOException {
    return atMostOneEventPerWord() ? in.bytesLeft() / wordBytes : 0;
  }

  /** Refuses a file whose header declares another encoding than {@code expected}. */
  final void requireEncoding(String expected) {
    header.encoding().filter(e -> !e.equals(expected)).ifPresent(e -> {
      throw new UnsupportedFormatException(source, 0, "the header declares '" + e + "' but this is the "
          + expected + " reader; open the file as " + e);
    });
  }

  /**
   * Restricts reading to the words in {@code [start, end)}, a split of the data, and checks that the word at
   * {@code start}, unless it is the first word of the data, has type {@code firstType} (the TIME_HIGH every split but
   * the first starts on).
   * Called once, right after the constructor has read the header.
   *
   * @param firstType the type nibble the first word must have, or -1 for no check
   * @throws CorruptInputException when the range is not on a word boundary after the header, or the file is shorter
   */
  final void restrictTo(long start, long end, int firstType) throws IOException {
    long dataStart = in.position();
    if (start < dataStart || (start - dataStart) % wordBytes != 0 || end < start) {
      throw new CorruptInputException(source, start, "a split on " + Wording.article(wordBytes + "-byte")
          + " word boundary after the " + dataStart + "-byte header", "bytes [" + start + ", " + end + ")");
    }
    if (!in.skipTo(start)) {
      throw new CorruptInputException(source, start, "the file ends before the split's start");
    }
    in.limitTo(end);
    if (firstType >= 0 && start > dataStart && start < end) {
      if (in.available() < wordBytes && !refill()) {
        throw new CorruptInputException(source, start, "the file ends before the split's start");
      }
      int type = (in.buf[in.pos + wordBytes - 1] & 0xFF) >>> 4;
      if (type != firstType) {
        throw new CorruptInputException(source, start, "a word of type 0x" + Integer.toHexString(firstType)
            + " at the split's start (the file changed since the split was planned?)",
            "type 0x" + Integer.toHexString(type));
      }
    }
  }

  /**
   * Decodes whole words from {@code in.buf[in.pos..in.limit)} into {@code chunk} from index {@code n} until the chunk
   * is full or fewer than one word is left, advancing {@code in.pos}.
   *
   * @return the new number of events in the chunk
   */
  abstract int decode(EventChunk chunk, int n);

  @Override
  public final boolean nextChunk(EventChunk chunk) throws IOException {
    triggers.clear();
    int cap = chunk.capacity();
    int n = pendingMask == 0 ? 0 : emitVector(chunk, 0, pendingMask, pendingX, pendingY, pendingT, pendingP);
    while (n < cap) {
      if (in.available() < wordBytes && !refill()) {
        break;
      }
      n = decode(chunk, n);
    }
    chunk.setSize(n);
    return n > 0;
  }

  private boolean refill() throws IOException {
    while (in.available() < wordBytes) {
      if (!in.fill()) {
        if (in.endedEarly()) {
          throw new CorruptInputException(source, in.position() + in.available(), "the file ends before the end of "
              + "its split (truncated since the split was planned?)");
        }
        int rest = in.available();
        if (rest > 0) {
          throw new CorruptInputException(source, in.position(), "the file ends " + Wording.count(rest, "byte")
              + " into " + Wording.article(wordBytes + "-byte") + " word (truncated or trailing garbage); expected the "
              + "data after the header to be a multiple of " + wordBytes + " bytes, found " + (in.position() + rest)
              + " bytes in all");
        }
        return false;
      }
    }
    return true;
  }

  /**
   * Emits the pixels of a vector word, as many as fit, and keeps the rest for the next chunk.
   *
   * @return the new number of events in the chunk
   */
  final int emitVector(EventChunk chunk, int n, long mask, int x, short y, long t, boolean p) {
    int cap = chunk.capacity();
    while (mask != 0 && n < cap) {
      int off = Long.numberOfTrailingZeros(mask);
      mask &= mask - 1;
      chunk.x[n] = (short) (x + off);
      chunk.y[n] = y;
      chunk.t[n] = t;
      chunk.p[n] = p;
      n++;
    }
    pendingMask = mask;
    pendingX = x;
    pendingY = y;
    pendingT = t;
    pendingP = p;
    return n;
  }

  /** Adds {@code count} records of {@code kind} to {@link #skippedCounts()}. */
  final void countSkipped(String kind, long count) {
    if (count != 0) {
      skipped.merge(kind, count, Long::sum);
    }
  }

  @Override
  public final String sourceName() {
    return source;
  }

  /** The geometry the header states, else the one in the options; empty when neither knows. */
  @Override
  public final Optional<SensorGeometry> geometry() {
    return geometry;
  }

  @Override
  public final long bytePosition() {
    return in.position();
  }

  @Override
  public final Map<String, String> headerFields() {
    return header.fields();
  }

  @Override
  public final Map<String, Long> skippedCounts() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
  }

  @Override
  public final TriggerEvents triggers() {
    return triggers;
  }

  @Override
  public final void close() throws IOException {
    in.close();
  }
}
