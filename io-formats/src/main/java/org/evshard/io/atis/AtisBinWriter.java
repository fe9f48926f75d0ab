package org.evshard.io.atis;

import static org.evshard.io.atis.AtisBinReader.MAX_RAW_TIMESTAMP;
import static org.evshard.io.atis.AtisBinReader.OVERFLOW_STEP;
import static org.evshard.io.atis.AtisBinReader.OVERFLOW_Y;
import static org.evshard.io.atis.AtisBinReader.RECORD_BYTES;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;
import org.evshard.io.format.EventWriter;

/**
 * Writes ATIS {@code .bin} records. Timestamps beyond the 23-bit field are expressed with overflow markers
 * ({@code x = 0, y = 240}, other bits zero), each adding 2^13 to later timestamps as {@link AtisBinReader} reads
 * them; markers are emitted as late as possible, so a later timestamp may be smaller than an earlier one as long as
 * it stays at or above the offset the markers written so far imply. Events the format cannot hold are rejected
 * with an {@link IllegalArgumentException} naming the event's index; so is a recording without events, when the writer
 * is closed (its 0-byte file would be refused as empty by every reader of the format).
 */
public final class AtisBinWriter implements EventWriter {

  /** Most overflow markers one file may need (about 203 days of recording); guards against absurd timestamps. */
  public static final long MAX_MARKERS = Integer.MAX_VALUE;

  private final OutputStream out;
  private final byte[] buf = new byte[RECORD_BYTES << 13];
  private int used;
  private long markers;
  private long index;
  private boolean closed;

  public AtisBinWriter(OutputStream out) {
    this.out = Objects.requireNonNull(out);
  }

  @Override
  public void write(short[] x, short[] y, long[] t, boolean[] p, int offset, int length) throws IOException {
    if (closed) {
      throw new IllegalStateException("ATIS writer is closed");
    }
    Objects.checkFromIndexSize(offset, length, t.length);
    for (int i = offset; i < offset + length; i++, index++) {
      writeEvent(x[i], y[i], t[i], p[i]);
    }
  }

  private void writeEvent(int x, int y, long t, boolean p) throws IOException {
    if (x < 0 || x > 255 || y < 0 || y > 255) {
      throw reject("x=" + x + " y=" + y + " outside the format's 0..255");
    }
    if (y == OVERFLOW_Y) {
      throw reject("y=240 cannot be written: the format reserves y == 240 for timestamp-overflow markers");
    }
    if (t < 0) {
      throw reject("negative timestamp " + t);
    }
    long needed = t > MAX_RAW_TIMESTAMP ? Math.floorDiv(t - MAX_RAW_TIMESTAMP + OVERFLOW_STEP - 1, OVERFLOW_STEP) : 0;
    long m = Math.max(markers, needed);
    if (m > MAX_MARKERS) {
      throw reject("timestamp " + t + " needs " + m + " overflow markers, more than " + MAX_MARKERS);
    }
    if (m * OVERFLOW_STEP > t) {
      throw reject("timestamp " + t + " goes back further than the format can express: after " + markers
          + " overflow markers every timestamp is at least " + m * OVERFLOW_STEP);
    }
    for (; markers < m; markers++) {
      put(0, OVERFLOW_Y, 0);
    }
    int raw = (int) (t - m * OVERFLOW_STEP);
    put(x, y, (p ? 1 << 23 : 0) | raw);
  }

  private void put(int x, int y, int pt) throws IOException {
    if (used + RECORD_BYTES > buf.length) {
      flushBuffer();
    }
    byte[] b = buf;
    b[used] = (byte) x;
    b[used + 1] = (byte) y;
    b[used + 2] = (byte) (pt >>> 16);
    b[used + 3] = (byte) (pt >>> 8);
    b[used + 4] = (byte) pt;
    used += RECORD_BYTES;
  }

  private IllegalArgumentException reject(String why) {
    return new IllegalArgumentException("event " + index + ": " + why);
  }

  private void flushBuffer() throws IOException {
    out.write(buf, 0, used);
    used = 0;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (out) {
      flushBuffer();
    }
    if (index == 0) {
      throw new IllegalArgumentException("no event to write: an ATIS .bin file without events has 0 bytes, which "
          + "readers of the format (evshard's, as N-MNIST's convention has it) refuse as an empty file; write an "
          + "empty recording in another format (npy, evt3, aedat4, dat)");
    }
  }
}
