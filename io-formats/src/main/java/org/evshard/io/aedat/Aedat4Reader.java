package org.evshard.io.aedat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.Wording;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.events.TriggerEvents;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/**
 * Streams an AEDAT 4.0 recording (iniVation DV) packet by packet. Each packet is an int32 stream id, an int32 body
 * size and the body: one LZ4 or Zstd frame (or raw bytes) holding a size-prefixed FlatBuffer. The events are the
 * packets of the first {@code EVTS} stream infoNode declares: a vector of 16-byte structs
 * {@code (int64 t, int16 x, int16 y, bool on, 3 bytes padding)}. {@code TRIG} packets become {@link #triggers()}
 * (channel = dv trigger type, rising for rising edges and pulses); other packets ({@code FRME}, {@code IMUS}, other
 * event streams) are skipped unread and counted per type. Reading stops at the data table when the header points at
 * it. Only one packet is in memory at a time; its sizes are checked against {@link #MAX_PACKET_BYTES} and
 * {@link Aedat4Decompressor#MAX_PLAIN_BYTES} before anything is allocated for it.
 */
public final class Aedat4Reader implements EventReader {

  /** Largest packet body accepted (64 MiB). */
  public static final int MAX_PACKET_BYTES = 1 << 26;
  static final int EVENT_BYTES = 16;
  static final int TRIGGER_BYTES = 16;

  private final InputStream in;
  private final String source;
  private final Aedat4Header header;
  private final Map<Integer, Aedat4Stream> streams = new HashMap<>();
  private final Aedat4Stream events;
  private final SensorGeometry geometry;
  private final Aedat4Decompressor decompressor;
  private final TriggerEvents triggers = new TriggerEvents(this::sourceName, this::bytePosition);
  private final Map<String, Long> skipped = new TreeMap<>();
  private final byte[] packetHeader = new byte[8];
  private final int[] vectorLength = new int[1];
  private byte[] body = new byte[1 << 16];
  private long position;
  /** Where packets end: the data table, a split's end, or -1 (the end of the file). */
  private long end;
  /** Whether this reader reads a split (then the file must reach {@link #end}). */
  private boolean split;
  private boolean done;
  /** The decoded packet: its bytes, the next event's position and the events left. */
  private byte[] plain;
  private int next;
  private int left;

  public Aedat4Reader(InputStream in, String source, ReadOptions options) throws IOException {
    this.in = in;
    this.source = source;
    this.header = Aedat4Header.read(in, source, options.maxHeaderBytes());
    this.position = header.length();
    for (Aedat4Stream s : header.streams()) {
      if (streams.put(s.id(), s) != null) {
        throw new CorruptInputException(source, Aedat4Header.MAGIC_BYTES.length, "infoNode declares stream id "
            + s.id() + " twice");
      }
    }
    this.events = header.streams().stream().filter(s -> s.type().equals("EVTS"))
        .min((a, b) -> Integer.compare(a.id(), b.id())).orElse(null);
    boolean stated = events != null && (events.sizeX() != 0 || events.sizeY() != 0);
    if (stated && !(events.sizeX() > 0 && events.sizeY() > 0 && events.sizeX() <= SensorGeometry.MAX_SIDE
        && events.sizeY() <= SensorGeometry.MAX_SIDE)) { // was ignored: the geometry became the caller's or unknown
      throw new CorruptInputException(source, Aedat4Header.MAGIC_BYTES.length, "the event stream's infoNode sizeX "
          + "and sizeY both in 1.." + SensorGeometry.MAX_SIDE, events.sizeX() + " and " + events.sizeY());
    }
    this.geometry = stated ? new SensorGeometry(events.sizeX(), events.sizeY()) : options.sensor();
    this.decompressor = new Aedat4Decompressor(source);
    this.end = header.dataTablePosition();
  }

  /**
   * A reader of the packets in {@code [start, end)}, a split made of whole packets; {@code in} reads the file from its
   * first byte. The header is read, then the bytes up to {@code start} are skipped unread.
   */
  Aedat4Reader(InputStream in, String source, ReadOptions options, long start, long end) throws IOException {
    this(in, source, options);
    long table = header.dataTablePosition();
    if (start < header.length() || end < start || table >= 0 && end > table) {
      throw new CorruptInputException(source, start, "a split of packets between the header end " + header.length()
          + " and " + (table >= 0 ? "the data table at " + table : "the end of the file"),
          "bytes [" + start + ", " + end + ")");
    }
    try {
      in.skipNBytes(start - header.length());
    } catch (java.io.EOFException e) {
      throw new CorruptInputException(source, start, "the file ends before the split's start");
    }
    this.position = start;
    this.end = end;
    this.split = true;
  }

  /** The IOHeader, for the split planner. */
  Aedat4Header header() {
    return header;
  }

  @Override
  public String formatName() {
    return Aedat4Format.NAME;
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
    f.put("version", "4.0");
    f.put("compression", header.compression().name());
    f.put("streams", header.streams().stream().map(Aedat4Stream::toString).collect(Collectors.joining(", ")));
    if (events != null) {
      f.put("event-stream", Integer.toString(events.id()));
      if (!events.source().isEmpty()) {
        f.put("camera", events.source());
      }
    }
    if (geometry != null) {
      f.put("geometry", geometry + (events != null && events.sizeX() > 0 ? " (infoNode)" : " (caller)"));
    }
    f.put("data-table-position", Long.toString(header.dataTablePosition()));
    return f;
  }

  @Override
  public Map<String, Long> skippedCounts() {
    return Map.copyOf(skipped);
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
      if (left == 0 && !nextEventPacket()) {
        break;
      }
      int k = Math.min(left, cap - n);
      decode(chunk, n, k);
      n += k;
    }
    chunk.setSize(n);
    return n > 0;
  }

  private void decode(EventChunk chunk, int n, int k) {
    final byte[] b = plain;
    final short[] xs = chunk.x;
    final short[] ys = chunk.y;
    final long[] ts = chunk.t;
    final boolean[] ps = chunk.p;
    int o = next;
    for (int i = n, end = n + k; i < end; i++, o += EVENT_BYTES) {
      ts[i] = LE.getLong(b, o);
      int xy = LE.getInt(b, o + 8);
      xs[i] = (short) xy;
      ys[i] = (short) (xy >>> 16);
      ps[i] = b[o + 12] != 0;
    }
    next = o;
    left -= k;
  }

  /** Reads packets until one of the event stream holds events; false at the end of the packets. */
  private boolean nextEventPacket() throws IOException {
    while (!done) {
      long at = position;
      if (end >= 0 && at == end) {
        done = true; // the data table (an index, not a packet) or the next split follows
        if (!split) {
          requireDataTable(at);
        }
        break;
      }
      int got = in.readNBytes(packetHeader, 0, 8);
      if (got == 0) {
        if (split) {
          throw new CorruptInputException(source, at, "the file ends before the end of its split at " + end
              + " (truncated since the split was planned?)");
        }
        if (end >= 0) { // a file cut between two packets: its header says where the packets end
          throw new CorruptInputException(source, at, "the file ends at byte " + at + ", before the data table its "
              + "header places at byte " + end + ": the file is truncated");
        }
        done = true;
        break;
      }
      if (got < 8) {
        throw new CorruptInputException(source, at, "the file ends " + Wording.count(got, "byte")
            + " into an 8-byte packet header");
      }
      int id = LE.getInt(packetHeader, 0);
      int size = LE.getInt(packetHeader, 4);
      Aedat4Stream s = streams.get(id);
      if (s == null) {
        throw new CorruptInputException(source, at, "a stream id declared in infoNode " + streams.keySet(),
            "stream id " + id);
      }
      checkSize(at, size);
      position = at + 8 + size;
      if (s == events) {
        if (loadEvents(readBody(at, size), at)) {
          return true;
        }
      } else if (s.type().equals("TRIG")) {
        loadTriggers(readBody(at, size), at);
      } else {
        skip(at, size);
        skipped.merge(s.type().toLowerCase(java.util.Locale.ROOT) + "-packets", 1L, Long::sum);
      }
    }
    return false;
  }

  /**
   * What follows the last packet must be the data table the header points at: a position moved back to a packet
   * boundary ended the recording there (918 of 111,954 events, exit 0) while the split reader refused the file.
   */
  private void requireDataTable(long at) throws IOException {
    byte[] rest = in.readNBytes(MAX_PACKET_BYTES + 1);
    if (rest.length > MAX_PACKET_BYTES) {
      throw new LimitExceededException(source, at, "data table size (the bytes after the position the header gives "
          + "it)", rest.length, MAX_PACKET_BYTES);
    }
    try {
      Aedat4DataTable.parse(rest, rest.length, header, source);
    } catch (EvshardIoException e) {
      throw new CorruptInputException(source, at, "the header places the data table at byte " + at + ", but the "
          + rest.length + " bytes there are not one (" + e.reason() + "): a damaged header, or packets after the "
          + "table");
    }
  }

  private void checkSize(long at, int size) {
    if (size < 0) {
      throw new CorruptInputException(source, at + 4, "a packet size >= 0", "" + size);
    }
    if (size > MAX_PACKET_BYTES) {
      throw new LimitExceededException(source, at + 4, "packet size", size, MAX_PACKET_BYTES);
    }
    if (end >= 0 && at + 8 + size > end) {
      throw new CorruptInputException(source, at + 4, "a packet ending by " + (split ? "the split's end" : "the data "
          + "table") + " at " + end, "a packet of " + size + " bytes ending at " + (at + 8 + size));
    }
  }

  /** Reads a body of {@code size} bytes, growing the buffer only as bytes actually arrive. */
  private int readBody(long at, int size) throws IOException {
    int n = 0;
    while (n < size) {
      if (n == body.length) {
        body = Arrays.copyOf(body, (int) Math.min(size, 2L * body.length));
      }
      int got = in.read(body, n, Math.min(size, body.length) - n);
      if (got < 0) {
        throw new CorruptInputException(source, at, "the file ends " + Wording.count(n, "byte")
            + " into a packet body of " + size + " bytes");
      }
      n += got;
    }
    return n;
  }

  private void skip(long at, int size) throws IOException {
    long rest = size;
    while (rest > 0) {
      long s = in.skip(rest);
      if (s <= 0) {
        if (in.read() < 0) {
          throw new CorruptInputException(source, at, "the file ends " + Wording.count(size - rest, "byte")
              + " into a packet body of " + size + " bytes");
        }
        s = 1;
      }
      rest -= s;
    }
  }

  /** The packet's FlatBuffer bytes: the body itself, or the body decompressed; sets {@link #plain}. */
  private int unpack(int size, long at) {
    if (header.compression() == Aedat4Compression.NONE) {
      plain = body;
      return size;
    }
    int n = decompressor.decompress(header.compression(), body, size, at);
    plain = decompressor.buffer();
    return n;
  }

  /** Positions {@link #next} and {@link #left} on the packet's events; false when it holds none. */
  private boolean loadEvents(int size, long at) {
    int n = unpack(size, at);
    next = packet(n, at, "EVTS").vector(0, EVENT_BYTES, vectorLength);
    left = vectorLength[0];
    return left > 0;
  }

  private void loadTriggers(int size, long at) {
    int n = unpack(size, at);
    int o = packet(n, at, "TRIG").vector(0, TRIGGER_BYTES, vectorLength);
    for (int i = 0; i < vectorLength[0]; i++, o += TRIGGER_BYTES) {
      int type = plain[o + 8];
      triggers.add(LE.getLong(plain, o), type, type == 1 || type == 3 || type == 4);
    }
    skipped.merge("trigger", (long) vectorLength[0], Long::sum);
  }

  /**
   * The root table of the packet's size-prefixed FlatBuffer ({@code plain[0, n)}), which must fill the packet exactly
   * and carry the stream type's file identifier, as dv writes them: a {@code FRME} buffer in an event stream was read
   * as events, and bytes after an uncompressed buffer were ignored (an LZ4 packet refused the same).
   */
  private FlatTable packet(int n, long at, String identifier) {
    if (n < 4) {
      throw new CorruptInputException(source, at, "a packet of " + n + " bytes cannot hold a size-prefixed FlatBuffer");
    }
    long declared = Integer.toUnsignedLong(LE.getInt(plain, 0));
    if (declared != n - 4) {
      throw new CorruptInputException(source, at, "a FlatBuffer size prefix of " + (n - 4) + " (the packet's "
          + (header.compression() == Aedat4Compression.NONE ? "" : "decompressed ") + n + " bytes less the prefix)",
          "" + declared);
    }
    FlatTable root = FlatTable.root(plain, 4, n, source, at);
    if (!root.identifier().equals(identifier)) {
      throw new CorruptInputException(source, at, "a packet of the " + identifier + " stream with FlatBuffer "
          + "identifier " + identifier, "'" + root.identifier() + "'");
    }
    return root;
  }

  @Override
  public long bytePosition() {
    return position;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
