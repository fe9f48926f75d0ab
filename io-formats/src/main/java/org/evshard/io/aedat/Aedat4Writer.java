package org.evshard.io.aedat;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Objects;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventWriter;

/**
 * Writes an AEDAT 4.0 file with one {@code EVTS} stream (id 0, {@code events}): the version line, the IOHeader
 * (compression, {@code dataTablePosition = -1}: no data table, and an infoNode with {@code sizeX}/{@code sizeY}),
 * then packets of up to {@code packetEvents} events, each a size-prefixed {@code EventPacket} FlatBuffer compressed
 * as one LZ4 frame (64 KiB dependent blocks, as dv writes them), one Zstd frame, or stored raw. Events outside the
 * geometry are rejected with an {@link IllegalArgumentException} naming the event's index.
 *
 * <p>{@link #toFile} writes a file as dv does, with a data table: at the end, compressed like the packets, a
 * size-prefixed {@code FileDataTable} FlatBuffer (one entry per packet: offset, stream id, size, event count, first and
 * last timestamp), and the IOHeader's {@code dataTablePosition} patched to point at it. Split reading uses it.
 */
public final class Aedat4Writer implements EventWriter {

  public static final int DEFAULT_PACKET_EVENTS = 1 << 14;
  /** Most events one packet may hold: keeps packets within the reader's limits. */
  public static final int MAX_PACKET_EVENTS = (Aedat4Reader.MAX_PACKET_BYTES - 64) / Aedat4Reader.EVENT_BYTES;
  static final int STREAM_ID = 0;
  /** Bytes of the EventPacket FlatBuffer before its first event (see {@link #beginPacket}). */
  static final int EVENTS_START = 32;

  private final OutputStream out;
  private final SensorGeometry geometry;
  private final Aedat4Compression compression;
  private final int packetEvents;
  private final byte[] packet;
  private final byte[] packetHeader = new byte[8];
  private final ZstdCompressCtx zstd;
  private final Lz4FrameEncoder lz4;
  private byte[] compressed = new byte[0];
  private final DecompressionRatio ratio = new DecompressionRatio();
  /** The compressed bytes of the last {@link #compress} call. */
  private byte[] body;
  /** The file being written when there is a data table to write and point to; else null. */
  private final FileChannel channel;
  private long written;
  private long[] table = new long[0]; // per packet: offset, stream id << 32 | size, events, first t, last t
  private int packets;
  private int count;
  private long index;
  private boolean closed;

  public Aedat4Writer(OutputStream out, SensorGeometry geometry, Aedat4Compression compression, int packetEvents)
      throws IOException {
    this(out, geometry, compression, packetEvents, null);
  }

  /** A writer of {@code file} (created or truncated) that ends it with a data table, as dv does. */
  public static Aedat4Writer toFile(Path file, SensorGeometry geometry, Aedat4Compression compression,
      int packetEvents) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
    try {
      return new Aedat4Writer(new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 20), geometry, compression,
          packetEvents, ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  private Aedat4Writer(OutputStream out, SensorGeometry geometry, Aedat4Compression compression, int packetEvents,
      FileChannel channel) throws IOException {
    this.channel = channel;
    if (packetEvents <= 0 || packetEvents > MAX_PACKET_EVENTS) {
      throw new IllegalArgumentException("packetEvents must be 1.." + MAX_PACKET_EVENTS + ", got " + packetEvents);
    }
    this.out = Objects.requireNonNull(out);
    this.geometry = geometry;
    this.compression = Objects.requireNonNull(compression);
    this.packetEvents = packetEvents;
    this.packet = new byte[EVENTS_START + packetEvents * Aedat4Reader.EVENT_BYTES];
    this.zstd = compression.isZstd() ? new ZstdCompressCtx().setLevel(compression == Aedat4Compression.ZSTD ? 3 : 9)
        : null;
    this.lz4 = compression.isLz4() ? new Lz4FrameEncoder() : null;
    out.write(Aedat4Header.MAGIC_BYTES);
    byte[] io = ioHeader(compression, infoNode(geometry, compression));
    byte[] len = new byte[4];
    LE.putInt(len, 0, io.length);
    out.write(len);
    out.write(io);
    written = Aedat4Header.MAGIC_BYTES.length + 4 + io.length;
  }

  @Override
  public void write(short[] x, short[] y, long[] t, boolean[] p, int offset, int length) throws IOException {
    if (closed) {
      throw new IllegalStateException("AEDAT4 writer is closed");
    }
    Objects.checkFromIndexSize(offset, length, t.length);
    final byte[] b = packet;
    for (int i = offset; i < offset + length; i++, index++) {
      check(x[i], y[i]);
      int o = EVENTS_START + count * Aedat4Reader.EVENT_BYTES;
      LE.putLong(b, o, t[i]);
      LE.putInt(b, o + 8, x[i] & 0xFFFF | y[i] << 16);
      LE.putInt(b, o + 12, p[i] ? 1 : 0);
      if (++count == packetEvents) {
        flushPacket();
      }
    }
  }

  private void check(short x, short y) {
    boolean ok = geometry == null ? x >= 0 && y >= 0 : geometry.contains(x, y);
    if (!ok) {
      throw new IllegalArgumentException("event " + index + ": x=" + x + " y=" + y + " outside the sensor "
          + (geometry == null ? "(negative)" : geometry));
    }
  }

  /**
   * The start both FlatBuffers this writer makes share: [0] uint32 size prefix, [4] root uoffset to the table at 20,
   * [8] the 4-letter identifier, [12] a vtable of one field (size 6, table size 8, field 0 at table+4).
   */
  private static void rootWithOneVectorField(byte[] b, int size, String identifier) {
    LE.putInt(b, 0, size);
    LE.putInt(b, 4, 16);
    for (int i = 0; i < 4; i++) {
      b[8 + i] = (byte) identifier.charAt(i);
    }
    LE.putShort(b, 12, 6);
    LE.putShort(b, 14, 8);
    LE.putShort(b, 16, 4);
  }

  /**
   * Lays out the FlatBuffer around the events: [0] uint32 size prefix, [4] root uoffset to the table at 20,
   * [8] identifier {@code EVTS}, [12] vtable (size 6, table size 8, field 0 at table+4), [20] table (soffset 8 back to
   * the vtable, then the uoffset 4 to the vector), [28] uint32 element count, [32] the 8-aligned event structs.
   */
  private void beginPacket(int n) {
    byte[] b = packet;
    rootWithOneVectorField(b, EVENTS_START - 4 + n * Aedat4Reader.EVENT_BYTES, "EVTS");
    LE.putShort(b, 18, 0);
    LE.putInt(b, 20, 8);
    LE.putInt(b, 24, 4);
    LE.putInt(b, 28, n);
  }

  private void flushPacket() throws IOException {
    if (count == 0) {
      return;
    }
    beginPacket(count);
    int plainLength = EVENTS_START + count * Aedat4Reader.EVENT_BYTES;
    int size = compress(packet, plainLength);
    if (body != packet && ratio.add(plainLength, size)) { // never a file evshard's reader refuses
      throw new IllegalArgumentException("these events compress " + ratio.plain() / Math.max(1, ratio.compressed())
          + " times with " + compression + ", more than evshard's reader accepts from a file (" + DecompressionRatio
          .MAX_RATIO + " times past " + (DecompressionRatio.FLOOR >> 20) + " MiB, its guard against decompression "
          + "bombs; many events at one pixel and time compress so); write them with LZ4 (--codec lz4) or uncompressed");
    }
    if (channel != null) {
      addEntry(size);
    }
    count = 0;
    LE.putInt(packetHeader, 0, STREAM_ID);
    LE.putInt(packetHeader, 4, size);
    out.write(packetHeader);
    out.write(body, 0, size);
    written += 8 + size;
  }

  /** Compresses {@code plain[0, length)} into {@link #body}; returns the compressed length. */
  private int compress(byte[] plain, int length) {
    if (lz4 != null) {
      int size = lz4.encode(plain, length);
      body = lz4.buffer();
      return size;
    }
    if (zstd != null) {
      int bound = (int) Zstd.compressBound(length);
      if (compressed.length < bound) {
        compressed = new byte[bound];
      }
      body = compressed;
      return zstd.compressByteArray(compressed, 0, compressed.length, plain, 0, length);
    }
    body = plain;
    return length;
  }

  private void addEntry(int size) {
    if (5 * packets == table.length) {
      table = Arrays.copyOf(table, Math.max(5 * 64, 2 * table.length));
    }
    int e = 5 * packets++;
    table[e] = written + 8; // ByteOffset: the body, after the packet header, as dv writes it
    table[e + 1] = (long) STREAM_ID << 32 | size;
    table[e + 2] = count;
    table[e + 3] = LE.getLong(packet, EVENTS_START);
    table[e + 4] = LE.getLong(packet, EVENTS_START + (count - 1) * Aedat4Reader.EVENT_BYTES);
  }

  /**
   * The size-prefixed {@code FileDataTable} (identifier {@code FTAB}): [0] size prefix, [4] root uoffset to the table
   * at 20, [8] {@code FTAB}, [12] its vtable (size 6, table size 8, field 0 at +4), [20] the root table (soffset 8,
   * uoffset to the vector), [28] the entries' shared vtable (size 14, table size 48; fields at +8, +16, +24, +32, +40),
   * [44] the vector (count, one uoffset per entry), then the 8-aligned 48-byte entry tables.
   */
  private byte[] dataTable() {
    int vector = 44;
    int first = (vector + 4 + 4 * packets + 7) & ~7;
    byte[] b = new byte[first + Aedat4DataTable.ENTRY_BYTES * packets];
    rootWithOneVectorField(b, b.length - 4, "FTAB");
    LE.putInt(b, 20, 20 - 12);
    LE.putInt(b, 24, vector - 24);
    LE.putShort(b, 28, 14);
    LE.putShort(b, 30, Aedat4DataTable.ENTRY_BYTES);
    for (int f = 0; f < 5; f++) {
      LE.putShort(b, 32 + 2 * f, 8 + 8 * f);
    }
    LE.putInt(b, vector, packets);
    for (int i = 0; i < packets; i++) {
      int t = first + Aedat4DataTable.ENTRY_BYTES * i;
      int slot = vector + 4 + 4 * i;
      LE.putInt(b, slot, t - slot);
      LE.putInt(b, t, t - 28);
      int e = 5 * i;
      LE.putLong(b, t + 8, table[e]);
      LE.putInt(b, t + 16, (int) (table[e + 1] >>> 32));
      LE.putInt(b, t + 20, (int) table[e + 1]);
      LE.putLong(b, t + 24, table[e + 2]);
      LE.putLong(b, t + 32, table[e + 3]);
      LE.putLong(b, t + 40, table[e + 4]);
    }
    return b;
  }

  /** Writes the data table after the last packet and points the IOHeader's {@code dataTablePosition} at it. */
  private void finishDataTable() throws IOException {
    long at = written;
    byte[] plain = dataTable();
    int size = compress(plain, plain.length);
    out.write(body, 0, size);
    out.flush();
    ByteBuffer position = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, at);
    long field = Aedat4Header.MAGIC_BYTES.length + 4 + DATA_TABLE_POSITION_AT;
    while (position.hasRemaining()) {
      channel.write(position, field + position.position());
    }
  }

  static String infoNode(SensorGeometry g, Aedat4Compression c) {
    String base = "/mainloop/Recorder/outInfo/";
    StringBuilder x = new StringBuilder();
    x.append("<dv version=\"2.0\">\n");
    x.append("    <node name=\"outInfo\" path=\"").append(base).append("\">\n");
    x.append("        <node name=\"0\" path=\"").append(base).append("0/\">\n");
    attr(x, 12, "compression", "string", c.name());
    attr(x, 12, "originalModuleName", "string", "evshard");
    attr(x, 12, "originalOutputName", "string", "events");
    attr(x, 12, "typeDescription", "string", "Array of events (polarity ON/OFF).");
    attr(x, 12, "typeIdentifier", "string", "EVTS");
    x.append("            <node name=\"info\" path=\"").append(base).append("0/info/\">\n");
    if (g != null) {
      attr(x, 16, "sizeX", "int", Integer.toString(g.width()));
      attr(x, 16, "sizeY", "int", Integer.toString(g.height()));
    }
    attr(x, 16, "source", "string", "evshard");
    x.append("            </node>\n        </node>\n    </node>\n</dv>\n");
    return x.toString();
  }

  private static void attr(StringBuilder x, int indent, String key, String type, String value) {
    x.append(" ".repeat(indent)).append("<attr key=\"").append(key).append("\" type=\"").append(type).append("\">")
        .append(value).append("</attr>\n");
  }

  /**
   * The IOHeader FlatBuffer: [0] root uoffset to the table at 24, [4] identifier {@code IOHE}, [8] vtable (size 10,
   * table size 20; compression at +4, dataTablePosition at +8, infoNode at +16), [24] table, [44] the string.
   */
  /** Offset of {@code dataTablePosition} in the IOHeader {@link #ioHeader} lays out. */
  static final int DATA_TABLE_POSITION_AT = 32;

  static byte[] ioHeader(Aedat4Compression c, String infoNode) {
    byte[] s = infoNode.getBytes(StandardCharsets.UTF_8);
    int stringAt = 44;
    byte[] b = new byte[(stringAt + 4 + s.length + 1 + 3) & ~3];
    LE.putInt(b, 0, 24);
    b[4] = 'I';
    b[5] = 'O';
    b[6] = 'H';
    b[7] = 'E';
    LE.putShort(b, 8, 10);
    LE.putShort(b, 10, 20);
    LE.putShort(b, 12, 4);
    LE.putShort(b, 14, 8);
    LE.putShort(b, 16, 16);
    LE.putInt(b, 24, 24 - 8);
    LE.putInt(b, 28, c.code());
    LE.putLong(b, DATA_TABLE_POSITION_AT, -1L);
    LE.putInt(b, 40, stringAt - 40);
    LE.putInt(b, stringAt, s.length);
    System.arraycopy(s, 0, b, stringAt + 4, s.length);
    return b;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      flushPacket();
      if (channel != null) {
        finishDataTable();
      }
      out.flush();
    }
  }
}
