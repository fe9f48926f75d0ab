package org.evshard.io.hdf5;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Decodes one chunk of Prophesee's ECF codec (Event Compression Format, HDF5 filter 36559), the compression Metavision
 * applies to the {@code CD/events} dataset of its HDF5 recordings, into the dataset's 16-byte records (x {@code <u2}
 * at 0, y {@code <u2} at 2, p {@code <i2} at 4, two bytes of padding, t {@code <i8} at 8), as Prophesee's decoder
 * (github.com/prophesee-ai/hdf5_ecf, {@code ecf_codec.cpp}) does.
 *
 * <p>A chunk, all little-endian: a 32-bit word holding the event count {@code n} (bits 2-31, at most
 * {@value #MAX_EVENTS}) and two layout flags; the first timestamp (64 bits); the timestamp stream; then either y, x
 * and p packed in 24 bits per event (flag bit 1), or the y stream followed by x and p packed in 12 bits per event
 * (flag bit 0), or the y stream, the x stream and the p stream.
 * <ul>
 *   <li>Timestamps, one byte per run: high nibble the step from the previous timestamp (0-14), low nibble the run's
 *       length (15: a 16-bit length follows). A high nibble of 15 is a longer step instead: the low nibbles of the
 *       consecutive bytes whose high nibble is 15, least significant first, and no event.
 *   <li>y, 16-bit words: y in the top 11 bits, the run's length in the low 5 (31: a 16-bit length follows).
 *   <li>x, 16-bit words: x in the top 11 bits, then a 5-bit mask: bit {@code 4 - j} adds an event at {@code x + j + 1}.
 *   <li>p, bytes: p in the top bit, the run's length in the low 7 (127: a 16-bit length follows).
 *   <li>Packed: groups of four events in three 16-bit (x, p) or three 32-bit (y, x, p) words; the last group is
 *       complete, its events past {@code n} are ignored.
 * </ul>
 *
 * <p>Every read is checked against the chunk's bytes and every run against the events left, so a damaged chunk fails
 * with an {@link EcfFormatException} (Prophesee's decoder reads and writes past its buffers there). As in Prophesee's
 * decoder, an x mask may name up to five events past {@code n} (its encoder reads beyond its last event) and those are
 * ignored, bytes after the last stream are ignored, and when both flags are set the 24-bit layout is read.
 * Timestamps that went back when the chunk was written come out as the previous one: ECF stores them so.
 */
public final class EcfDecoder {

  /** Bytes per decoded event: Metavision's {@code EventCD} record. */
  public static final int RECORD_BYTES = 16;
  /** Most events in one chunk (Prophesee's {@code kMaxBufferSize}). */
  public static final int MAX_EVENTS = 65535;

  private static final int HEADER_BYTES = 12; // count and flags, first timestamp
  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final int X = 0; // offsets in a record
  private static final int Y = 2;
  private static final int P = 4;
  private static final int T = 8;

  private final byte[] in;
  private final int n;
  private final byte[] out; // the records, written stream by stream
  private int pos;

  private EcfDecoder(byte[] in, int n) {
    this.in = in;
    this.n = n;
    this.out = new byte[n * RECORD_BYTES];
  }

  /** The number of events chunk {@code in} declares, or -1 when it is shorter than its 12-byte header. */
  public static int declaredEvents(byte[] in) {
    return in.length < HEADER_BYTES ? -1 : (int) ((int) INT.get(in, 0) >>> 2);
  }

  /**
   * Decodes chunk {@code in} into {@code n x }{@value #RECORD_BYTES} bytes.
   *
   * @param maxEvents events the caller accepts at most (the HDF5 chunk's length), at most {@value #MAX_EVENTS}
   * @throws EcfFormatException when the chunk is damaged or declares more than {@code maxEvents} events
   */
  public static byte[] decode(byte[] in, int maxEvents) {
    if (in.length < HEADER_BYTES) {
      throw new EcfFormatException("ECF chunk of " + in.length + " bytes: expected at least " + HEADER_BYTES
          + " (event count and flags, first timestamp)");
    }
    int word = (int) INT.get(in, 0);
    int n = word >>> 2;
    int limit = Math.min(maxEvents, MAX_EVENTS);
    if (n > limit) {
      throw new EcfFormatException("ECF chunk declares " + n + " events at byte 0: expected at most " + limit);
    }
    EcfDecoder d = new EcfDecoder(in, n);
    d.pos = HEADER_BYTES;
    d.times((long) LONG.get(in, 4));
    if ((word & 2) != 0) {
      d.packedYxp();
    } else {
      d.rowRuns();
      if ((word & 1) != 0) {
        d.packedXp();
      } else {
        d.maskedX();
        d.polarityRuns();
      }
    }
    return d.out;
  }

  private void times(long t0) {
    long cur = t0;
    int i = 0;
    while (i < n) {
      int at = pos;
      int v = u8("t");
      int step = v >>> 4;
      int c = v & 0xF;
      if (step != 0xF) {
        cur += step;
        if (c == 0xF) {
          c = u16("t");
        }
        checkRun(at, i, c, "t");
        for (int end = i + c; i < end; i++) {
          LONG.set(out, i * RECORD_BYTES + T, cur);
        }
      } else {
        long dt = 0;
        int nibbles = 0;
        do {
          if (nibbles == 16) {
            throw error("t", pos - 1, "a time step of at most 16 nibbles", "more");
          }
          dt |= (long) c << (4 * nibbles++);
          v = peek("t");
          step = v >>> 4;
          c = v & 0xF;
          if (step == 0xF) {
            pos++;
          }
        } while (step == 0xF);
        cur += dt;
      }
    }
  }

  private void rowRuns() {
    int i = 0;
    while (i < n) {
      int at = pos;
      int v = u16("y");
      int c = v & 0x1F;
      if (c == 0x1F) {
        c = u16("y");
      }
      checkRun(at, i, c, "y");
      short row = (short) (v >>> 5);
      for (int end = i + c; i < end; i++) {
        SHORT.set(out, i * RECORD_BYTES + Y, row);
      }
    }
  }

  private void polarityRuns() {
    int i = 0;
    while (i < n) {
      int at = pos;
      int v = u8("p");
      int c = v & 0x7F;
      if (c == 0x7F) {
        c = u16("p");
      }
      checkRun(at, i, c, "p");
      byte polarity = (byte) (v >>> 7); // the low byte of a little-endian 0 or 1
      for (int end = i + c; i < end; i++) {
        out[i * RECORD_BYTES + P] = polarity;
      }
    }
  }

  private void maskedX() {
    int i = 0;
    while (i < n) {
      int v = u16("x");
      int base = v >>> 5;
      SHORT.set(out, i++ * RECORD_BYTES + X, (short) base);
      for (int j = 0; j < 5; j++) {
        if ((v & 1 << (4 - j)) != 0) {
          if (i < n) {
            SHORT.set(out, i * RECORD_BYTES + X, (short) (base + j + 1));
          }
          i++;
        }
      }
    }
  }

  private void packedXp() {
    int groups = (n + 3) / 4;
    need((long) groups * 6, "x and p");
    for (int g = 0, i = 0; g < groups; g++, i += 4, pos += 6) {
      int w0 = (short) SHORT.get(in, pos) & 0xFFFF;
      int w1 = (short) SHORT.get(in, pos + 2) & 0xFFFF;
      int w2 = (short) SHORT.get(in, pos + 4) & 0xFFFF;
      xp(i, w0 >>> 4);
      xp(i + 1, (w0 & 0xF) | (w1 >>> 8) << 4);
      xp(i + 2, (w1 & 0xFF) | (w2 >>> 12) << 8);
      xp(i + 3, w2 & 0xFFF);
    }
  }

  private void xp(int i, int v) {
    if (i < n) {
      SHORT.set(out, i * RECORD_BYTES + X, (short) (v >>> 1));
      out[i * RECORD_BYTES + P] = (byte) (v & 1);
    }
  }

  private void packedYxp() {
    int groups = (n + 3) / 4;
    need((long) groups * 12, "y, x and p");
    for (int g = 0, i = 0; g < groups; g++, i += 4, pos += 12) {
      int w0 = (int) INT.get(in, pos);
      int w1 = (int) INT.get(in, pos + 4);
      int w2 = (int) INT.get(in, pos + 8);
      yxp(i, w0 >>> 8);
      yxp(i + 1, (w0 & 0xFF) | (w1 >>> 16) << 8);
      yxp(i + 2, (w1 & 0xFFFF) | (w2 >>> 24) << 16);
      yxp(i + 3, w2 & 0xFFFFFF);
    }
  }

  private void yxp(int i, int v) {
    if (i < n) {
      int r = i * RECORD_BYTES;
      SHORT.set(out, r + X, (short) (v >>> 1 & 0x7FF));
      SHORT.set(out, r + Y, (short) (v >>> 12 & 0x7FF));
      out[r + P] = (byte) (v & 1);
    }
  }

  private void checkRun(int at, int i, int c, String stream) {
    if (c > n - i) {
      throw error(stream, at, "a run of at most " + (n - i) + " events (" + i + " of " + n + " decoded)",
          "a run of " + c);
    }
  }

  private void need(long bytes, String stream) {
    if (bytes > in.length - pos) {
      throw error(stream, pos, bytes + " bytes for " + n + " events", (in.length - pos) + " bytes left");
    }
  }

  private int u8(String stream) {
    need(1, stream);
    return in[pos++] & 0xFF;
  }

  private int peek(String stream) {
    need(1, stream);
    return in[pos] & 0xFF;
  }

  private int u16(String stream) {
    need(2, stream);
    int v = (short) SHORT.get(in, pos) & 0xFFFF;
    pos += 2;
    return v;
  }

  private EcfFormatException error(String stream, int offset, String expected, String found) {
    return new EcfFormatException("ECF chunk of " + in.length + " bytes, " + stream + " stream at byte " + offset
        + ": expected " + expected + ", found " + found);
  }
}
