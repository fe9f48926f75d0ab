package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.evshard.io.events.EventChunk;
import org.evshard.io.format.ReadOptions;

/**
 * Streams a Prophesee EVT 3.0 RAW file: a {@code %} header, then 16-bit little-endian words whose top 4 bits give the
 * type, decoded against a state (y, vector base x and polarity, time):
 * <ul>
 *   <li>EVT_ADDR_Y (0x0): y in bits 10..0 (bit 11, the master/slave system type, is ignored);
 *   <li>EVT_ADDR_X (0x2): one event at x = bits 10..0, polarity bit 11, at the current y and time;
 *   <li>VECT_BASE_X (0x3): vector base x = bits 10..0 and polarity bit 11;
 *   <li>VECT_12 (0x4) / VECT_8 (0x5): bit i of the 12 / 8-bit mask is an event at base + i; the base then advances by
 *       12 / 8 whether or not bits are set;
 *   <li>EVT_TIME_LOW (0x6) / EVT_TIME_HIGH (0x8): bits 11..0 and 23..12 of the time, {@code t = th << 12 | tl}; a
 *       TIME_HIGH smaller than the previous one is a wrap of the 24-bit counter (every 16.777216 s) and adds 2^24, a
 *       repeated equal TIME_HIGH is not;
 *   <li>EXT_TRIGGER (0xA): channel bits 11..8, edge bit 0, at the current time, returned through {@link #triggers()};
 *   <li>OTHERS (0xE), CONTINUED_4 (0x7), CONTINUED_12 (0xF) and the reserved types (IMU 0xD, ...) are skipped and
 *       counted.
 * </ul>
 * Words before the first TIME_HIGH are skipped and counted (there is no time base yet; their y and x state is not
 * kept either). The state lives in the reader, so vector words whose base came from an earlier block or chunk decode
 * as if the file were read at once.
 */
public final class Evt3Reader extends WordReader {

  static final int WORD_BYTES = 2;
  /**
   * For each 12-bit vector mask {@code m}, at {@code m * 12 + k}: the position of its k-th set bit (lowest first), 0
   * past its last; 48 KB.
   */
  private static final byte[] SET_BITS = setBits();
  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  private boolean timeSet;
  private int high;
  private int low;
  private long wraps;
  private short y;
  /**
   * Highest vector base x kept (11 bits set it; only vectors of a corrupt stream push it far past the sensor): its
   * events stay at x >= 32,755, outside every sensor, instead of wrapping modulo 65,536 into one.
   */
  static final int MAX_BASE_X = Short.MAX_VALUE - 12;
  private int baseX;
  private boolean baseP;

  public Evt3Reader(InputStream in, String source, ReadOptions options) throws IOException {
    super(in, source, options, WORD_BYTES);
    requireEncoding(Evt3Format.NAME);
  }

  /**
   * A reader of the split {@code [start, end)} of a file, {@code in} reading it from its first byte: the header is
   * read, then decoding starts at {@code start} (a TIME_HIGH word unless it is the start of the data) in the state
   * the planning pass recorded there, and stops at {@code end}.
   */
  Evt3Reader(InputStream in, String source, ReadOptions options, long start, long end, Evt3SplitState state)
      throws IOException {
    this(in, source, options);
    restrictTo(start, end, 0x8);
    timeSet = state.timeSet();
    wraps = state.wraps();
    high = state.high();
    low = state.low();
    y = state.y();
    baseX = state.baseX();
    baseP = state.baseP();
  }

  private static byte[] setBits() {
    byte[] out = new byte[(1 << 12) * 12];
    for (int m = 0; m < 1 << 12; m++) {
      for (int bit = 0, k = 0; bit < 12; bit++) {
        if ((m & 1 << bit) != 0) {
          out[m * 12 + k++] = (byte) bit;
        }
      }
    }
    return out;
  }

  @Override
  public String formatName() {
    return Evt3Format.NAME;
  }

  @Override
  int decode(EventChunk chunk, int n) {
    final byte[] b = in.buf;
    int o = in.pos;
    final int end = o + ((in.limit - o) & ~(WORD_BYTES - 1));
    if (!timeSet) {
      o = skipToTimeHigh(b, o, end);
    }
    final int cap = chunk.capacity();
    final short[] xs = chunk.x;
    final short[] ys = chunk.y;
    final long[] ts = chunk.t;
    final boolean[] ps = chunk.p;
    long t = wraps << 24 | (long) high << 12 | low;
    short yv = y;
    int bx = baseX;
    boolean bp = baseP;
    long others = 0;
    long continued = 0;
    long reserved = 0;
    long trig = 0;
    int j = n;
    while (o < end && j < cap) {
      int w = (short) SHORT_LE.get(b, o) & 0xFFFF;
      o += WORD_BYTES;
      switch (w >>> 12) {
        case 0x0 -> yv = (short) (w & 0x7FF);
        case 0x2 -> {
          xs[j] = (short) (w & 0x7FF);
          ys[j] = yv;
          ts[j] = t;
          ps[j] = (w & 0x800) != 0;
          j++;
        }
        case 0x3 -> {
          bx = w & 0x7FF;
          bp = (w & 0x800) != 0;
        }
        case 0x4, 0x5 -> {
          int mask = (w >>> 12) == 0x4 ? w & 0xFFF : w & 0xFF;
          if (cap - j >= 12) { // all 12 slots written, no branch per bit: the next events overwrite the spare ones
            int at = mask * 12;
            for (int k = 0; k < 12; k++) {
              xs[j + k] = (short) (bx + SET_BITS[at + k]);
            }
            for (int k = 0; k < 12; k++) {
              ys[j + k] = yv;
            }
            for (int k = 0; k < 12; k++) {
              ts[j + k] = t;
            }
            for (int k = 0; k < 12; k++) {
              ps[j + k] = bp;
            }
            j += Integer.bitCount(mask);
          } else {
            j = emitVector(chunk, j, mask, bx, yv, t, bp);
          }
          // held below 32,756 so that x never wraps: past 65,535 it came back as plausible pixels inside the sensor
          bx = Math.min(bx + ((w >>> 12) == 0x4 ? 12 : 8), MAX_BASE_X);
        }
        case 0x6 -> {
          low = w & 0xFFF;
          t = wraps << 24 | (long) high << 12 | low;
        }
        case 0x8 -> {
          int h = w & 0xFFF;
          if (h < high) {
            wraps++;
          }
          high = h;
          t = wraps << 24 | (long) high << 12 | low;
        }
        case 0xA -> {
          triggers.add(t, w >>> 8 & 0xF, (w & 1) != 0);
          trig++;
        }
        case 0xE -> others++;
        case 0x7, 0xF -> continued++;
        default -> reserved++;
      }
    }
    y = yv;
    baseX = bx;
    baseP = bp;
    in.pos = o;
    countSkipped(TRIGGER, trig);
    countSkipped(OTHERS, others);
    countSkipped(CONTINUED, continued);
    countSkipped(RESERVED, reserved);
    return j;
  }

  private int skipToTimeHigh(byte[] b, int o, int end) {
    int start = o;
    while (o < end) {
      int w = (short) SHORT_LE.get(b, o) & 0xFFFF;
      o += WORD_BYTES;
      if (w >>> 12 == 0x8) {
        timeSet = true;
        high = w & 0xFFF;
        break;
      }
    }
    countSkipped(BEFORE_TIME_HIGH, (o - start) / WORD_BYTES - (timeSet ? 1 : 0));
    return o;
  }
}
