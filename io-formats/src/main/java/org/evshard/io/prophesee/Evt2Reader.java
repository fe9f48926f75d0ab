package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.evshard.io.events.EventChunk;
import org.evshard.io.format.ReadOptions;

/**
 * Streams a Prophesee EVT 2.0 RAW file: a {@code %} header, then 32-bit little-endian words whose top 4 bits give
 * the type. CD_OFF (0x0) / CD_ON (0x1): timestamp LSBs in bits 27..22, x in 21..11, y in 10..0. EVT_TIME_HIGH (0x8):
 * timestamp bits 33..6 in bits 27..0, so {@code t = th << 6 | lsb}; a TIME_HIGH smaller than the previous one is a
 * wrap of the 34-bit counter (after about 4.8 hours) and adds 2^34. EXT_TRIGGER (0xA): timestamp LSBs in 27..22,
 * channel in 12..8, edge in bit 0, returned through {@link #triggers()}. OTHERS (0xE), CONTINUED (0xF), the reserved
 * types and every word before the first TIME_HIGH are skipped and counted.
 */
public final class Evt2Reader extends WordReader {

  static final int WORD_BYTES = 4;
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private boolean timeSet;
  private int lastHigh;
  private long wraps;
  private long timeBase;

  public Evt2Reader(InputStream in, String source, ReadOptions options) throws IOException {
    super(in, source, options, WORD_BYTES);
    requireEncoding(Evt2Format.NAME);
  }

  /**
   * A reader of the split {@code [start, end)} of a file, {@code in} reading it from its first byte: the header is
   * read, then decoding starts at {@code start} (a TIME_HIGH word unless it is the start of the data) in the state
   * the planning pass recorded there, and stops at {@code end}.
   */
  Evt2Reader(InputStream in, String source, ReadOptions options, long start, long end, Evt2SplitState state)
      throws IOException {
    this(in, source, options);
    restrictTo(start, end, 0x8);
    timeSet = state.timeSet();
    wraps = state.wraps();
    lastHigh = state.lastHigh();
    timeBase = wraps << 34 | (long) lastHigh << 6;
  }

  @Override
  public String formatName() {
    return Evt2Format.NAME;
  }

  @Override
  int decode(EventChunk chunk, int n) {
    final byte[] b = in.buf;
    int o = in.pos;
    final int end = o + ((in.limit - o) & ~(WORD_BYTES - 1));
    if (!timeSet) {
      o = skipToTimeHigh(b, o, end);
    }
    // one word gives at most one event, so this many words never overrun the chunk
    final int words = Math.min((end - o) / WORD_BYTES, chunk.capacity() - n);
    final short[] xs = chunk.x;
    final short[] ys = chunk.y;
    final long[] ts = chunk.t;
    final boolean[] ps = chunk.p;
    long base = timeBase;
    long others = 0;
    long continued = 0;
    long reserved = 0;
    long trig = 0;
    int j = n;
    for (int i = 0; i < words; i++, o += WORD_BYTES) {
      int w = (int) INT_LE.get(b, o);
      int type = w >>> 28;
      if (type <= 1) {
        xs[j] = (short) (w >>> 11 & 0x7FF);
        ys[j] = (short) (w & 0x7FF);
        ts[j] = base | (w >>> 22 & 0x3F);
        ps[j] = type != 0;
        j++;
      } else if (type == 0x8) {
        base = timeHigh(w);
      } else if (type == 0xA) {
        triggers.add(base | (w >>> 22 & 0x3F), w >>> 8 & 0x1F, (w & 1) != 0);
        trig++;
      } else if (type == 0xE) {
        others++;
      } else if (type == 0xF) {
        continued++;
      } else {
        reserved++;
      }
    }
    timeBase = base;
    in.pos = o;
    countSkipped(TRIGGER, trig);
    countSkipped(OTHERS, others);
    countSkipped(CONTINUED, continued);
    countSkipped(RESERVED, reserved);
    return j;
  }

  private long timeHigh(int w) {
    int high = w & 0x0FFFFFFF;
    if (high < lastHigh) {
      wraps++;
    }
    lastHigh = high;
    return wraps << 34 | (long) high << 6;
  }

  private int skipToTimeHigh(byte[] b, int o, int end) {
    int start = o;
    while (o < end) {
      int w = (int) INT_LE.get(b, o);
      if (w >>> 28 == 0x8) {
        timeSet = true;
        lastHigh = w & 0x0FFFFFFF;
        timeBase = (long) lastHigh << 6;
        o += WORD_BYTES;
        break;
      }
      o += WORD_BYTES;
    }
    countSkipped(BEFORE_TIME_HIGH, (o - start) / WORD_BYTES - (timeSet ? 1 : 0));
    return o;
  }
}
