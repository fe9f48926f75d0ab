package org.evshard.io.prophesee;

import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The EVT 2.0 planning pass: the time state of {@link Evt2Reader#decode} (CD events carry their own x, y and time low
 * bits, so TIME_HIGH words are the only state): words before the first TIME_HIGH change nothing, a TIME_HIGH smaller
 * than the last adds a wrap of the 34-bit counter.
 */
final class Evt2SplitPlanner extends WordSplitPlanner {

  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private boolean timeSet;
  private long wraps;
  private int lastHigh;

  Evt2SplitPlanner() {
    super(Evt2Reader.WORD_BYTES);
  }

  @Override
  int scan(byte[] b, int o, int end, int cut) {
    for (; o < end; o += Evt2Reader.WORD_BYTES) {
      int w = (int) INT_LE.get(b, o);
      if (w >>> 28 == 0x8) {
        if (o >= cut) {
          return o; // the split boundary: the word is left for the next split
        }
        int high = w & 0x0FFFFFFF;
        if (timeSet && high < lastHigh) {
          wraps++;
        }
        timeSet = true;
        lastHigh = high;
      }
    }
    return end;
  }

  @Override
  Serializable state() {
    return new Evt2SplitState(timeSet, wraps, lastHigh);
  }
}
