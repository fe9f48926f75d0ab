package org.evshard.io.aedat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.events.TriggerEvents;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/**
 * Streams an AEDAT 3.1 recording (libcaer): {@code #} header lines up to {@code #!END-HEADER}, then packets, each a
 * 28-byte little-endian header (int16 eventType, int16 eventSource, int32 eventSize, int32 eventTSOffset, int32
 * eventTSOverflow, int32 eventCapacity, int32 eventNumber, int32 eventValid) and {@code eventCapacity * eventSize}
 * bytes of events, of which the first {@code eventNumber} are decoded.
 * <ul>
 *   <li>Polarity packets (type 1), 8-byte events: int32 data (bit 0 valid, bit 1 p, y = bits 16..2, x = bits
 *       31..17, origin top-left) and int32 timestamp; {@code t = (eventTSOverflow << 31) | timestamp}. Invalid
 *       events are dropped and counted {@code invalid}.
 *   <li>Special packets (type 0): external-input edges and pulses become {@link #triggers()} (channel 0..2 for
 *       inputs 0..2, 3 for the generator; rising for rising edges and pulses), counted {@code trigger}; other
 *       special events are counted {@code special}.
 *   <li>Other packet types (frames, IMU, ...) are skipped unread and counted as {@code packet-type-N} events.
 * </ul>
 * Geometry comes from the header's {@code #Source N: NAME} (DVS128, DAVIS240C, ...), else from the options.
 */
public final class Aedat31Reader implements EventReader {

  static final int PACKET_HEADER_BYTES = 28;
  static final int EVENT_BYTES = 8;
  static final int SPECIAL = 0;
  static final int POLARITY = 1;
  /** Largest packet body accepted (eventSize * eventCapacity), 256 MiB; bodies are streamed, never held whole. */
  public static final long MAX_PACKET_BYTES = 1L << 28;
  private static final int BLOCK_BYTES = 1 << 19;

  private final InputStream in;
  private final String source;
  private final AedatTextHeader header;
  private final AedatChip chip;
  private final SensorGeometry geometry;
  private final byte[] buf = new byte[BLOCK_BYTES];
  private final TriggerEvents triggers = new TriggerEvents(this::sourceName, this::bytePosition);
  private final Map<String, Long> skipped = new TreeMap<>();
  private int pos;
  private int limit;
  private long bufStart;
  private boolean eof;
  /** The packet being read: its type, the events left to decode, the bytes left to skip after them. */
  private int type;
  private long overflow;
  private int eventsLeft;
  private long skipLeft;
  private long invalid;
  private long special;
  private long external;

  public Aedat31Reader(InputStream in, String source, ReadOptions options) throws IOException {
    BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
    this.in = bin;
    this.source = source;
    this.header = AedatTextHeader.read(bin, source, options.maxHeaderBytes(), AedatTextHeader.END_HEADER);
    String first = header.lines().isEmpty() ? "no header line" : "'" + header.lines().get(0) + "'";
    if (header.lines().isEmpty() || !header.lines().get(0).startsWith(AedatMagic.ANY_VERSION)) {
      throw new CorruptInputException(source, 0, "first line " + Aedat31Format.MAGIC, first);
    }
    if (!header.lines().get(0).trim().equals(Aedat31Format.MAGIC)) {
      throw new UnsupportedFormatException(source, 0, "expected " + Aedat31Format.MAGIC + ", found " + first);
    }
    this.chip = sourceChip(header);
    this.geometry = chip != null && chip.geometry() != null ? chip.geometry() : options.sensor();
    this.bufStart = header.length();
  }

  private static AedatChip sourceChip(AedatTextHeader h) {
    for (String line : h.lines()) {
      int colon = line.indexOf(':');
      if ((line.startsWith("#Source") || line.startsWith("#-Source")) && colon > 0) {
        Optional<AedatChip> c = AedatChip.fromName(line.substring(colon + 1).trim());
        if (c.isPresent()) {
          return c.get();
        }
      }
    }
    return null;
  }

  @Override
  public String formatName() {
    return Aedat31Format.NAME;
  }

  @Override
  public String sourceName() {
    return source;
  }

  @Override
  public Optional<SensorGeometry> geometry() {
    return Optional.ofNullable(geometry);
  }

  @Override
  public Map<String, String> headerFields() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("version", "3.1");
    header.value("#Format:").ifPresent(v -> f.put("format", v));
    if (chip != null) {
      f.put("source", chip.name());
    }
    header.value("#Start-Time:").ifPresent(v -> f.put("start-time", v));
    if (geometry != null) {
      f.put("geometry", geometry + (chip != null && chip.geometry() != null ? " (#Source)" : " (caller)"));
    }
    return f;
  }

  @Override
  public Map<String, Long> skippedCounts() {
    Map<String, Long> m = new LinkedHashMap<>();
    if (invalid > 0) {
      m.put("invalid", invalid);
    }
    if (external > 0) {
      m.put("trigger", external);
    }
    if (special > 0) {
      m.put("special", special);
    }
    m.putAll(skipped);
    return m;
  }

  @Override
  public TriggerEvents triggers() {
    return triggers;
  }

  @Override
  public boolean nextChunk(EventChunk chunk) throws IOException {
    triggers.clear();
    int n = 0;
    int cap = chunk.capacity();
    while (n < cap) {
      if (eventsLeft > 0) {
        if (limit - pos < EVENT_BYTES && !fill()) {
          throw truncated("an event of a packet: expected " + EVENT_BYTES + " bytes of an event and the header's "
              + eventsLeft + " more event" + (eventsLeft == 1 ? "" : "s") + ", found");
        }
        int k = Math.min(Math.min((limit - pos) / EVENT_BYTES, eventsLeft), cap - n);
        n = type == POLARITY ? decodePolarity(chunk, n, k) : decodeSpecial(n, k);
      } else if (skipLeft > 0) {
        if (pos == limit && !fill()) {
          throw truncated("the rest of a packet: expected " + skipLeft + " more bytes, found");
        }
        int k = (int) Math.min(limit - pos, skipLeft);
        pos += k;
        skipLeft -= k;
      } else if (!nextPacket()) {
        break;
      }
    }
    chunk.setSize(n);
    return n > 0;
  }

  private int decodePolarity(EventChunk chunk, int n, int k) {
    final byte[] b = buf;
    final short[] xs = chunk.x;
    final short[] ys = chunk.y;
    final long[] ts = chunk.t;
    final boolean[] ps = chunk.p;
    final long high = overflow << 31;
    int o = pos;
    int j = n;
    int raw = 0; // OR of the valid events' timestamps: libcaer's are int32 >= 0, bit 31 belongs to the overflow
    for (int i = 0; i < k; i++, o += EVENT_BYTES) {
      int data = LE.getInt(b, o);
      if ((data & 1) == 0) {
        invalid++;
        continue;
      }
      int ts32 = LE.getInt(b, o + 4);
      raw |= ts32;
      xs[j] = (short) (data >>> 17);
      ys[j] = (short) (data >>> 2 & 0x7FFF);
      ps[j] = (data & 2) != 0;
      ts[j] = high | Integer.toUnsignedLong(ts32);
      j++;
    }
    if (raw < 0) {
      throw negativeTimestamp(pos, k);
    }
    pos = o;
    eventsLeft -= k;
    return j;
  }

  /**
   * The first valid event of {@code k} from {@code buf[from]} whose int32 timestamp is negative: it would merge its
   * bit 31 with {@code eventTSOverflow} (an event of packet 0 read as t = 2147484296, inside overflow 1's range).
   */
  private CorruptInputException negativeTimestamp(int from, int k) {
    for (int i = 0, o = from; i < k; i++, o += EVENT_BYTES) {
      int ts32 = LE.getInt(buf, o + 4);
      if ((LE.getInt(buf, o) & 1) != 0 && ts32 < 0) {
        return new CorruptInputException(source, bufStart + o + 4, "an event timestamp in 0.." + Integer.MAX_VALUE
            + " (int32 >= 0, as libcaer writes them)", Integer.toString(ts32));
      }
    }
    throw new IllegalStateException("no negative timestamp among the " + k + " events");
  }

  private int decodeSpecial(int n, int k) {
    final long high = overflow << 31;
    int o = pos;
    for (int i = 0; i < k; i++, o += EVENT_BYTES) {
      int data = LE.getInt(buf, o);
      if ((data & 1) == 0) {
        invalid++;
        continue;
      }
      int kind = data >>> 1 & 0x7F;
      int channel = switch (kind) {
        case 2, 3, 4 -> 0; // external input rising, falling, pulse
        case 6, 7, 8 -> 1; // external input 1
        case 9, 10, 11 -> 2; // external input 2
        case 12, 13 -> 3; // external generator rising, falling
        default -> -1;
      };
      if (channel < 0) {
        special++;
        continue;
      }
      boolean rising = kind == 2 || kind == 4 || kind == 6 || kind == 8 || kind == 9 || kind == 11 || kind == 12;
      triggers.add(high | Integer.toUnsignedLong(LE.getInt(buf, o + 4)), channel, rising);
      external++;
    }
    pos = o;
    eventsLeft -= k;
    return n;
  }

  /** Reads the next packet header; false at a clean end of input. */
  private boolean nextPacket() throws IOException {
    if (limit - pos < PACKET_HEADER_BYTES && !fill() && pos == limit) {
      return false;
    }
    if (limit - pos < PACKET_HEADER_BYTES) {
      throw truncated("a packet header: expected 28 bytes, found");
    }
    long at = bytePosition();
    byte[] b = buf;
    int p = pos;
    int t = LE.getShort(b, p);
    int size = LE.getInt(b, p + 4);
    int tsOffset = LE.getInt(b, p + 8);
    int tsOverflow = LE.getInt(b, p + 12);
    int capacity = LE.getInt(b, p + 16);
    int number = LE.getInt(b, p + 20);
    if (t < 0 || size <= 0 || capacity < 0 || number < 0 || number > capacity || tsOverflow < 0) {
      throw new CorruptInputException(source, at, "packet header with eventType " + t + ", eventSize " + size
          + ", eventTSOverflow " + tsOverflow + ", eventCapacity " + capacity + ", eventNumber " + number
          + ": expected non-negative values, eventSize > 0 and eventNumber <= eventCapacity");
    }
    long bytes = (long) size * capacity;
    if (bytes > MAX_PACKET_BYTES) {
      throw new LimitExceededException(source, at, "packet body size (eventSize * eventCapacity)", bytes,
          MAX_PACKET_BYTES);
    }
    pos += PACKET_HEADER_BYTES;
    type = t;
    overflow = tsOverflow;
    if (t == POLARITY || t == SPECIAL) {
      if (size != EVENT_BYTES || tsOffset != 4) {
        throw new CorruptInputException(source, at, "eventSize 8 and eventTSOffset 4 for "
            + (t == POLARITY ? "polarity" : "special") + " events", "eventSize " + size + ", eventTSOffset "
            + tsOffset);
      }
      eventsLeft = number;
      skipLeft = (long) (capacity - number) * EVENT_BYTES;
    } else {
      eventsLeft = 0;
      skipLeft = bytes;
      skipped.merge("packet-type-" + t, (long) number, Long::sum);
    }
    return true;
  }

  /** The file ended early; {@code what} ends with "found", followed here by the bytes that were left. */
  private CorruptInputException truncated(String what) {
    int left = limit - pos;
    return new CorruptInputException(source, bytePosition(), "the file ends inside " + what + " " + left + " byte"
        + (left == 1 ? "" : "s"));
  }

  /** Moves unread bytes to the front and reads more; false when no more bytes arrive. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int rest = limit - pos;
    System.arraycopy(buf, pos, buf, 0, rest);
    bufStart += pos;
    pos = 0;
    limit = rest;
    int got = in.readNBytes(buf, rest, buf.length - rest);
    limit += got;
    if (got == 0) {
      eof = true;
      return false;
    }
    return true;
  }

  @Override
  public long bytePosition() {
    return bufStart + pos;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
