package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventWriter;

/**
 * Writes a Prophesee EVT 3.0 RAW file: the header ({@code % evt 3.0}, {@code % format EVT3;height=H;width=W},
 * {@code % geometry WxH}, {@code % end}; geometry lines only when known), then 16-bit little-endian words. Time goes
 * out as EVT_TIME_HIGH / EVT_TIME_LOW when it changes (TIME_LOW after every TIME_HIGH change); a jump of 2^24 us or
 * more is written as a chain of TIME_HIGH words, each less than one wrap ahead, so the reader's wrap counting recovers
 * the full 64-bit time. Consecutive events (within one {@code write} call) with the same time, y and polarity and
 * increasing x go out as VECT_BASE_X + VECT_12 / VECT_8 words when at least two fall into the first 12-pixel window;
 * other events as EVT_ADDR_X.
 *
 * <p>Events must be sorted by time, with 0 &lt;= t, and x, y in 0..2047 (and inside the geometry when given);
 * anything else is an {@link IllegalArgumentException} naming the event's index, and nothing of that call is written.
 */
public final class Evt3Writer implements EventWriter {

  /** Largest x or y the format's 11-bit fields hold. */
  public static final int MAX_COORDINATE = 2047;

  private static final int ADDR_Y = 0x0000;
  private static final int ADDR_X = 0x2000;
  private static final int VECT_BASE_X = 0x3000;
  private static final int VECT_12 = 0x4000;
  private static final int VECT_8 = 0x5000;
  private static final int TIME_LOW = 0x6000;
  private static final int TIME_HIGH = 0x8000;
  private static final int POLARITY = 0x800;
  /**
   * Most TIME_HIGH words written to bridge one jump in time (2 MB; about 200 days of silence at one word per 2^24 us
   * wrap): more means timestamps on an absolute clock, which the caller should shift instead.
   */
  static final long MAX_FILLER_WORDS = 1L << 20;
  /** Largest step one TIME_HIGH word can move the time base without the reader losing a wrap. */
  private static final long MAX_HIGH_STEP = 4095;

  private final OutputStream out;
  private final SensorGeometry geometry;
  private final byte[] buf = new byte[1 << 16];
  private int used;
  private boolean headerWritten;
  private boolean closed;
  private long index;
  private long lastT = -1;
  private long high = -1; // the reader's unwrapped t >> 12 after the words written so far; -1 before the first
  private int low = -1;
  private int y = -1;

  /** @param geometry the sensor size to state in the header, or null to state none */
  public Evt3Writer(OutputStream out, SensorGeometry geometry) {
    this.out = Objects.requireNonNull(out);
    this.geometry = geometry;
  }

  @Override
  public void write(short[] xs, short[] ys, long[] ts, boolean[] ps, int offset, int length) throws IOException {
    if (closed) {
      throw new IllegalStateException("EVT 3.0 writer is closed");
    }
    Objects.checkFromIndexSize(offset, length, ts.length);
    Objects.checkFromIndexSize(offset, length, xs.length);
    Objects.checkFromIndexSize(offset, length, ys.length);
    Objects.checkFromIndexSize(offset, length, ps.length);
    check(xs, ys, ts, offset, length);
    writeHeader();
    int end = offset + length;
    int i = offset;
    while (i < end) {
      setTime(ts[i]);
      if (ys[i] != y) {
        y = ys[i];
        word(ADDR_Y | y);
      }
      i = writeRun(xs, ys, ts, ps, i, end);
    }
    index += length;
  }

  /** Writes event {@code i} and the events after it that share its time, y and polarity; returns the next index. */
  private int writeRun(short[] xs, short[] ys, long[] ts, boolean[] ps, int i, int end) throws IOException {
    int pol = ps[i] ? POLARITY : 0;
    int base = xs[i];
    int k = windowEnd(xs, ys, ts, ps, i + 1, end, base);
    if (k - i < 2) {
      word(ADDR_X | pol | base);
      return i + 1;
    }
    word(VECT_BASE_X | pol | base);
    while (k > i) {
      int mask = 0;
      for (int m = i; m < k; m++) {
        mask |= 1 << (xs[m] - base);
      }
      if (mask < 0x100) {
        word(VECT_8 | mask);
        base += 8;
      } else {
        word(VECT_12 | mask);
        base += 12;
      }
      i = k;
      k = windowEnd(xs, ys, ts, ps, i, end, base);
    }
    return i;
  }

  /**
   * The end of the events from {@code k} on that continue the run before them (same time, y and polarity, increasing
   * x) with x below {@code base + 12}. Every such x is at least {@code base}: the previous window took all smaller ones.
   */
  private static int windowEnd(short[] xs, short[] ys, long[] ts, boolean[] ps, int k, int end, int base) {
    while (k < end && ts[k] == ts[k - 1] && ys[k] == ys[k - 1] && ps[k] == ps[k - 1] && xs[k] > xs[k - 1]
        && xs[k] - base < 12) {
      k++;
    }
    return k;
  }

  private void setTime(long t) throws IOException {
    long h = t >>> 12;
    int l = (int) (t & 0xFFF);
    boolean changed = false;
    if (high < 0) {
      high = h <= MAX_HIGH_STEP ? h : 0;
      word(TIME_HIGH | (int) high);
      changed = true;
    }
    long filler = (h - high - 1) / MAX_HIGH_STEP;
    if (filler > MAX_FILLER_WORDS) {
      // epoch timestamps (e.g. a DV camera's 1.6e15 us) would take hundreds of megabytes of TIME_HIGH words
      throw new IllegalArgumentException("timestamp " + t + " us lies " + (t - (high << 12)) + " us after the "
          + "previous time: EVT 3.0 needs " + filler + " TIME_HIGH words (" + filler * 2 / 1_000_000 + " MB) to "
          + "reach it, more than the " + MAX_FILLER_WORDS + " this writer allows; shift the timestamps to start "
          + "near 0 (convert-file --time-shift first) or write another format");
    }
    while (h - high > MAX_HIGH_STEP) {
      high += MAX_HIGH_STEP;
      word(TIME_HIGH | (int) (high & 0xFFF));
    }
    if (h != high) {
      high = h;
      word(TIME_HIGH | (int) (h & 0xFFF));
      changed = true;
    }
    if (changed || l != low) {
      low = l;
      word(TIME_LOW | l);
    }
  }

  private void check(short[] xs, short[] ys, long[] ts, int offset, int length) {
    long prev = lastT;
    for (int i = offset; i < offset + length; i++) {
      long at = index + i - offset;
      int x = xs[i];
      int yv = ys[i];
      if (x < 0 || yv < 0 || x > MAX_COORDINATE || yv > MAX_COORDINATE) {
        throw new IllegalArgumentException("event " + at + ": x=" + x + " y=" + yv + " outside the format's 0.."
            + MAX_COORDINATE);
      }
      if (geometry != null && !geometry.contains(x, yv)) {
        throw new IllegalArgumentException("event " + at + ": x=" + x + " y=" + yv + " outside the " + geometry
            + " sensor");
      }
      if (ts[i] < 0) {
        throw new IllegalArgumentException("event " + at + ": negative timestamp " + ts[i]);
      }
      if (ts[i] < prev) {
        throw new IllegalArgumentException("event " + at + ": timestamp " + ts[i] + " is before the previous "
            + prev + "; EVT 3.0 needs events sorted by time");
      }
      prev = ts[i];
    }
    lastT = prev;
  }

  private void writeHeader() throws IOException {
    if (headerWritten) {
      return;
    }
    headerWritten = true;
    StringBuilder h = new StringBuilder("% evt 3.0\n");
    if (geometry != null) {
      h.append("% format EVT3;height=").append(geometry.height()).append(";width=").append(geometry.width())
          .append('\n').append("% geometry ").append(geometry).append('\n');
    } else {
      h.append("% format EVT3\n");
    }
    h.append("% end\n");
    out.write(h.toString().getBytes(StandardCharsets.US_ASCII));
  }

  private void word(int w) throws IOException {
    if (used == buf.length) {
      out.write(buf, 0, used);
      used = 0;
    }
    buf[used] = (byte) w;
    buf[used + 1] = (byte) (w >>> 8);
    used += 2;
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
