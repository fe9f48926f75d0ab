package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
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

  private int[] scratch = new int[0];
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
  boolean atMostOneEventPerWord() {
    return true;
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
    int[] w = wordsOf(b, o, words);
    o += words * WORD_BYTES;
    int i = 0;
    while (i < words) {
      // the run of CD words from i, decoded column by column (plain loops over an int[], no type dispatch per word)
      int run = i;
      while (run < words && w[run] >>> 29 == 0) {
        run++;
      }
      int len = run - i;
      if (len > 0) {
        for (int k = 0; k < len; k++) {
          xs[j + k] = (short) (w[i + k] >>> 11 & 0x7FF);
        }
        for (int k = 0; k < len; k++) {
          ys[j + k] = (short) (w[i + k] & 0x7FF);
        }
        for (int k = 0; k < len; k++) {
          ts[j + k] = base | (w[i + k] >>> 22 & 0x3F);
        }
        for (int k = 0; k < len; k++) {
          ps[j + k] = (w[i + k] & 1 << 28) != 0;
        }
        j += len;
        i = run;
      }
      if (i < words) { // one word of another type
        int word = w[i++];
        int type = word >>> 28;
        if (type == 0x8) {
          base = timeHigh(word);
        } else if (type == 0xA) {
          triggers.add(base | (word >>> 22 & 0x3F), word >>> 8 & 0x1F, (word & 1) != 0);
          trig++;
        } else if (type == 0xE) {
          others++;
        } else if (type == 0xF) {
          continued++;
        } else {
          reserved++;
        }
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

  /** The block's next {@code count} little-endian words, in a scratch array reused across calls. */
  private int[] wordsOf(byte[] b, int o, int count) {
    if (scratch.length < count) {
      scratch = new int[Math.max(count, BlockInput.BLOCK_BYTES / WORD_BYTES)];
    }
    ByteBuffer.wrap(b, o, count * WORD_BYTES).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer()
        .get(scratch, 0, count);
    return scratch;
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
