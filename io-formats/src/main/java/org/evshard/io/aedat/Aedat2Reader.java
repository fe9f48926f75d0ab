package org.evshard.io.aedat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * Streams a jAER AEDAT 2.0 recording: {@code #} header lines, then 8-byte records of a big-endian int32 address and
 * an int32 timestamp in microseconds (kept as stored, signed). The chip class in the header ({@code # AEChip:},
 * else {@code # HardwareInterface:} or {@code #Source}) picks the address layout:
 * <ul>
 *   <li>DAVIS: bit 31 set = APS or IMU sample (skipped, counted {@code aps-imu}); bit 10 = external input (a
 *       trigger, channel 0, counted {@code trigger}); else y = bits 30..22, x = bits 21..12, p = bit 11, output
 *       {@code x = W-1-raw_x}, {@code y = H-1-raw_y}. Addresses outside the sensor are skipped and counted
 *       {@code out-of-range}.
 *   <li>DVS128: raw x = bits 7..1, raw y = bits 14..8, bit 15 = external input (a trigger), ON when bit 0 is 0;
 *       axes as {@link Aedat2Axes} says.
 * </ul>
 */
public final class Aedat2Reader implements EventReader {

  static final int RECORD_BYTES = 8;
  static final int BLOCK_RECORDS = 1 << 16;
  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final InputStream in;
  private final String source;
  private final AedatTextHeader header;
  private final AedatChip chip;
  private final Aedat2Axes axes;
  private final SensorGeometry geometry;
  private final byte[] buf = new byte[BLOCK_RECORDS * RECORD_BYTES];
  private final TriggerEvents triggers = new TriggerEvents(this::sourceName, this::bytePosition);
  private int pos;
  private int limit;
  private long bufStart;
  private boolean eof;
  private long apsImu;
  private long external;
  private long outOfRange;

  public Aedat2Reader(InputStream in, String source, ReadOptions options, Aedat2Axes axes) throws IOException {
    BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
    this.in = bin;
    this.source = source;
    this.axes = axes;
    this.header = readHeader(bin, source, options);
    this.chip = chipOf(header, source, axes);
    if (chip.davis() && axes != Aedat2Axes.JAER) {
      throw new UnsupportedFormatException(source, 0, "axes " + axes + " apply to DVS128 addresses; chip '"
          + chip.name() + "' has the DAVIS layout");
    }
    SensorGeometry g = chip.geometryOption().orElse(options.sensor());
    if (chip.davis() && g == null) {
      throw new UnsupportedFormatException(source, 0, "DAVIS chip '" + chip.name() + "' of unknown size: pass the"
          + " sensor geometry (ReadOptions sensor) to flip its axes");
    }
    this.geometry = g;
    this.bufStart = header.length();
  }

  private static AedatTextHeader readHeader(BufferedInputStream in, String source, ReadOptions options)
      throws IOException {
    AedatTextHeader h = AedatTextHeader.read(in, source, options.maxHeaderBytes(), null);
    String first = h.lines().isEmpty() ? "no header line" : "'" + h.lines().get(0) + "'";
    if (h.lines().isEmpty() || !h.lines().get(0).startsWith(AedatMagic.ANY_VERSION)) {
      throw new CorruptInputException(source, 0, "first line " + Aedat2Format.MAGIC, first);
    }
    if (!h.lines().get(0).trim().equals(Aedat2Format.MAGIC)) {
      throw new UnsupportedFormatException(source, 0, "expected " + Aedat2Format.MAGIC + ", found " + first);
    }
    return h;
  }

  /**
   * The chip the header names; when it names none and {@code axes} is a DVS128 convention (a dataset's, which fixes
   * the camera, as SpikingJelly's CIFAR10-DVS loader does without reading the header), DVS128.
   */
  private static AedatChip chipOf(AedatTextHeader h, String source, Aedat2Axes axes) {
    for (String key : new String[] {"# AEChip:", "# HardwareInterface:"}) {
      Optional<AedatChip> c = h.value(key).flatMap(AedatChip::fromName);
      if (c.isPresent()) {
        return c.get();
      }
    }
    for (String line : h.lines()) {
      int colon = line.indexOf(':');
      if (line.startsWith("#Source") && colon > 0) {
        Optional<AedatChip> c = AedatChip.fromName(line.substring(colon + 1).trim());
        if (c.isPresent()) {
          return c.get();
        }
      }
    }
    if (axes != Aedat2Axes.JAER) {
      return AedatChip.fromName("DVS128").orElseThrow();
    }
    throw new UnsupportedFormatException(source, 0, "the header names no chip class evshard knows (AEChip: "
        + h.value("# AEChip:").orElse("absent") + ", HardwareInterface: "
        + h.value("# HardwareInterface:").orElse("absent") + "); expected DVS128 or DAVIS");
  }

  @Override
  public String formatName() {
    return Aedat2Format.NAME;
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
    f.put("version", "2.0");
    header.value("# AEChip:").ifPresent(v -> f.put("chip", v));
    header.value("# HardwareInterface:").ifPresent(v -> f.put("hardware-interface", v));
    header.value("# Creation date:").or(() -> header.value("# created")).ifPresent(v -> f.put("created", v));
    f.put("address-layout", chip.davis() ? "DAVIS" : "DVS128");
    f.put("axes", axes.name());
    if (geometry != null) {
      f.put("geometry", geometry + (chip.geometry() != null ? " (chip class)" : " (caller)"));
    }
    f.put("header-bytes", Long.toString(header.length()));
    return f;
  }

  @Override
  public Map<String, Long> skippedCounts() {
    Map<String, Long> m = new LinkedHashMap<>();
    if (apsImu > 0) {
      m.put("aps-imu", apsImu);
    }
    if (external > 0) {
      m.put("trigger", external);
    }
    if (outOfRange > 0) {
      m.put("out-of-range", outOfRange);
    }
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
      if (limit - pos < RECORD_BYTES && !fill()) {
        break;
      }
      int k = Math.min((limit - pos) / RECORD_BYTES, cap - n);
      n = chip.davis() ? decodeDavis(chunk, n, k) : decodeDvs128(chunk, n, k);
    }
    chunk.setSize(n);
    return n > 0;
  }

  private int decodeDavis(EventChunk chunk, int n, int k) {
    final byte[] b = buf;
    final short[] xs = chunk.x;
    final short[] ys = chunk.y;
    final long[] ts = chunk.t;
    final boolean[] ps = chunk.p;
    final int w1 = geometry.width() - 1;
    final int h1 = geometry.height() - 1;
    int o = pos;
    int j = n;
    for (int i = 0; i < k; i++, o += RECORD_BYTES) {
      long v = (long) LONG_BE.get(b, o);
      int addr = (int) (v >>> 32);
      if (addr < 0) {
        apsImu++;
        continue;
      }
      if ((addr & 0x400) != 0) {
        external++;
        triggers.add((int) v, 0, true);
        continue;
      }
      int x = w1 - (addr >>> 12 & 0x3FF);
      int y = h1 - (addr >>> 22 & 0x1FF);
      if ((x | y) < 0) {
        outOfRange++;
        continue;
      }
      xs[j] = (short) x;
      ys[j] = (short) y;
      ps[j] = (addr & 0x800) != 0;
      ts[j] = (int) v;
      j++;
    }
    pos = o;
    return j;
  }

  private int decodeDvs128(EventChunk chunk, int n, int k) {
    final byte[] b = buf;
    final short[] xs = chunk.x;
    final short[] ys = chunk.y;
    final long[] ts = chunk.t;
    final boolean[] ps = chunk.p;
    final boolean jaer = axes == Aedat2Axes.JAER;
    int o = pos;
    int j = n;
    for (int i = 0; i < k; i++, o += RECORD_BYTES) {
      long v = (long) LONG_BE.get(b, o);
      int addr = (int) (v >>> 32);
      if ((addr & 0x8000) != 0) {
        external++;
        triggers.add((int) v, 0, true);
        continue;
      }
      int rx = addr >>> 1 & 0x7F;
      int ry = addr >>> 8 & 0x7F;
      xs[j] = (short) (127 - (jaer ? rx : ry));
      ys[j] = (short) (127 - (jaer ? ry : rx));
      ps[j] = (addr & 1) == 0;
      ts[j] = (int) v;
      j++;
    }
    pos = o;
    return j;
  }

  /** Moves a partial record to the front and reads more; false at a clean end of input. */
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
    if (got > 0) {
      return true;
    }
    eof = true;
    if (rest > 0) {
      throw new CorruptInputException(source, bufStart, "the file ends " + Wording.count(rest, "byte")
          + " into an 8-byte address/timestamp record (truncated); the data after the header must be a multiple of 8"
          + " bytes");
    }
    return false;
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
