package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventWriter;

/**
 * Writes a Prophesee DAT file as {@link DatReader} reads it: the header ({@code % Data file containing CD events.},
 * {@code % Version 2}, and {@code % Width} / {@code % Height} when the geometry is known), event type
 * {@link DatReader#TYPE_2D} and size 8, then one 8-byte record per event. Timestamps must fit the unsigned 32-bit
 * field and x, y the 14-bit fields (and the geometry when given); anything else is an {@link IllegalArgumentException}
 * naming the event's index. DAT does not require sorted timestamps.
 */
public final class DatWriter implements EventWriter {

  /** Largest x or y the 14-bit fields hold. */
  public static final int MAX_COORDINATE = (1 << 14) - 1;
  /** Largest timestamp the unsigned 32-bit field holds. */
  public static final long MAX_TIMESTAMP = 0xFFFFFFFFL;

  private final OutputStream out;
  private final SensorGeometry geometry;
  private final byte[] buf = new byte[DatReader.RECORD_BYTES << 13];
  private int used;
  private long index;
  private boolean headerWritten;
  private boolean closed;

  /** @param geometry the sensor size to state in the header, or null to state none */
  public DatWriter(OutputStream out, SensorGeometry geometry) {
    this.out = Objects.requireNonNull(out);
    this.geometry = geometry;
  }

  @Override
  public void write(short[] x, short[] y, long[] t, boolean[] p, int offset, int length) throws IOException {
    if (closed) {
      throw new IllegalStateException("DAT writer is closed");
    }
    Objects.checkFromIndexSize(offset, length, t.length);
    Objects.checkFromIndexSize(offset, length, x.length);
    Objects.checkFromIndexSize(offset, length, y.length);
    Objects.checkFromIndexSize(offset, length, p.length);
    for (int i = offset; i < offset + length; i++) {
      check(x[i], y[i], t[i], index + i - offset);
    }
    writeHeader();
    byte[] b = buf;
    for (int i = offset; i < offset + length; i++) {
      if (used == b.length) {
        out.write(b, 0, used);
        used = 0;
      }
      long v = t[i] | ((long) x[i] | (long) y[i] << 14 | (p[i] ? 1L << 28 : 0)) << 32;
      for (int k = 0; k < 8; k++) {
        b[used + k] = (byte) (v >>> (k * 8));
      }
      used += DatReader.RECORD_BYTES;
    }
    index += length;
  }

  private void check(int x, int y, long t, long at) {
    if (x < 0 || y < 0 || x > MAX_COORDINATE || y > MAX_COORDINATE) {
      throw new IllegalArgumentException("event " + at + ": x=" + x + " y=" + y + " outside the format's 0.."
          + MAX_COORDINATE);
    }
    if (geometry != null && !geometry.contains(x, y)) {
      throw new IllegalArgumentException("event " + at + ": x=" + x + " y=" + y + " outside the " + geometry
          + " sensor");
    }
    if (t < 0 || t > MAX_TIMESTAMP) {
      throw new IllegalArgumentException("event " + at + ": timestamp " + t + " outside the format's 0.."
          + MAX_TIMESTAMP);
    }
  }

  private void writeHeader() throws IOException {
    if (headerWritten) {
      return;
    }
    headerWritten = true;
    StringBuilder h = new StringBuilder("% Data file containing CD events.\n% Version 2\n");
    if (geometry != null) {
      h.append("% Width ").append(geometry.width()).append('\n');
      h.append("% Height ").append(geometry.height()).append('\n');
    }
    out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
    out.write(new byte[] {(byte) DatReader.TYPE_2D, (byte) DatReader.RECORD_BYTES});
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      writeHeader();
      out.write(buf, 0, used);
      used = 0;
    }
  }
}
