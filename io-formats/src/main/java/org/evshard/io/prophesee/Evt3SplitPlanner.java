package org.evshard.io.prophesee;

import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The EVT 3.0 planning pass: the state changes of {@link Evt3Reader#decode} without its events. Words before the
 * first TIME_HIGH change nothing (the reader skips them); after it, ADDR_Y sets y, VECT_BASE_X the base and polarity,
 * VECT_12 / VECT_8 advance the base by 12 / 8, TIME_LOW sets the low bits, and a TIME_HIGH smaller than the last adds
 * a wrap. Every other word type leaves the state alone.
 */
final class Evt3SplitPlanner extends WordSplitPlanner {

  private static final VarHandle SHORT_LE =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

  /** How far each word type moves the vector base: VECT_12 by 12, VECT_8 by 8, the others not at all. */
  private static final int[] BASE_STEP = {0, 0, 0, 0, 12, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

  private boolean timeSet;
  private long wraps;
  private int high;
  private int low;
  private short y;
  private int baseX;
  private boolean baseP;

  Evt3SplitPlanner() {
    super(Evt3Reader.WORD_BYTES);
  }

  @Override
  int scan(byte[] b, int o, int end, int cut) {
    while (!timeSet && o < end) {
      int w = (short) SHORT_LE.get(b, o) & 0xFFFF;
      if (w >>> 12 == 0x8) {
        if (o >= cut) {
          return o;
        }
        timeSet = true;
        high = w & 0xFFF;
      }
      o += Evt3Reader.WORD_BYTES;
    }
    long wr = wraps;
    int h = high;
    int l = low;
    short yv = y;
    int bx = baseX;
    boolean bp = baseP;
    int stop = end;
    for (; o < end; o += Evt3Reader.WORD_BYTES) {
      int w = (short) SHORT_LE.get(b, o) & 0xFFFF;
      int type = w >>> 12;
      if (type == 0x8) {
        if (o >= cut) {
          stop = o; // the split boundary: the word is left for the next split
          break;
        }
        int next = w & 0xFFF;
        wr += next < h ? 1 : 0;
        h = next;
        continue;
      }
      // the other state words as selects rather than a switch: word types follow each other too irregularly for
      // branch prediction, and this loop runs over every word of the file
      boolean base = type == 0x3;
      yv = type == 0x0 ? (short) (w & 0x7FF) : yv;
      bx = base ? w & 0x7FF : bx + BASE_STEP[type];
      bp = base ? (w & 0x800) != 0 : bp;
      l = type == 0x6 ? w & 0xFFF : l;
    }
    wraps = wr;
    high = h;
    low = l;
    y = yv;
    baseX = bx;
    baseP = bp;
    return stop;
  }

  @Override
  Serializable state() {
    return new Evt3SplitState(timeSet, wraps, high, low, y, baseX, baseP);
  }
}
