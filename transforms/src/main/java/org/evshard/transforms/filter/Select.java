package org.evshard.transforms.filter;

import org.evshard.io.events.Events;

/** Gathers kept events into new columns; the input is never modified. */
final class Select {

  private Select() {}

  /** The events at {@code idx[0..n)} (ascending), copied. */
  static Events gather(Events e, int[] idx, int n) {
    if (n == e.size()) {
      return e; // nothing dropped: Events is immutable, so sharing is safe
    }
    short[] x = e.x();
    short[] y = e.y();
    long[] t = e.t();
    boolean[] p = e.p();
    short[] ox = new short[n];
    short[] oy = new short[n];
    long[] ot = new long[n];
    boolean[] op = new boolean[n];
    for (int k = 0; k < n; k++) {
      int i = idx[k];
      ox[k] = x[i];
      oy[k] = y[i];
      ot[k] = t[i];
      op[k] = p[i];
    }
    return Events.wrap(ox, oy, ot, op);
  }

  /**
   * The events whose bit is set in {@code mask} (bit {@code i & 63} of word {@code i >>> 6}), {@code kept} of them,
   * copied. A bit mask is 32 times smaller than an index list and stays in cache. When at least three in four events
   * are kept the runs of kept events are copied in bulk ({@link #copyRuns}); otherwise the copy is branchless: every
   * event up to the last kept one is written at the next free slot, which only advances past kept events. Bits past
   * the last event must be clear.
   */
  static Events gather(Events e, long[] mask, int kept) {
    int n = e.size();
    if (kept == n) {
      return e; // nothing dropped: Events is immutable, so sharing is safe
    }
    short[] x = e.x();
    short[] y = e.y();
    long[] t = e.t();
    boolean[] p = e.p();
    short[] ox = new short[kept];
    short[] oy = new short[kept];
    long[] ot = new long[kept];
    boolean[] op = new boolean[kept];
    if (kept >= n - n / 4) {
      copyRuns(e, mask, ox, oy, ot, op);
    } else if (kept > 0) {
      int last = n - 1;
      while ((mask[last >>> 6] >>> last & 1) == 0) {
        last--;
      }
      int k = 0; // kept events before i, at most kept - 1 for i <= last
      for (int i = 0; i <= last; i++) {
        ox[k] = x[i];
        oy[k] = y[i];
        ot[k] = t[i];
        op[k] = p[i];
        k += (int) (mask[i >>> 6] >>> i) & 1;
      }
    }
    return Events.wrap(ox, oy, ot, op);
  }

  /**
   * When most events are kept (at least three in four), the kept ones form long runs: each run of set bits is copied
   * with one {@code System.arraycopy} per column, faster than the per-event branchless copy at these rates (runs
   * that cross a mask word are copied in two parts).
   */
  private static void copyRuns(Events e, long[] mask, short[] ox, short[] oy, long[] ot, boolean[] op) {
    short[] x = e.x();
    short[] y = e.y();
    long[] t = e.t();
    boolean[] p = e.p();
    int k = 0;
    for (int wi = 0; wi < mask.length; wi++) {
      long word = mask[wi];
      int base = wi << 6;
      while (word != 0) {
        int from = Long.numberOfTrailingZeros(word);
        long rest = ~(word >>> from); // zeros where the run continues
        int len = rest == 0 ? 64 - from : Long.numberOfTrailingZeros(rest);
        int i = base + from;
        System.arraycopy(x, i, ox, k, len);
        System.arraycopy(y, i, oy, k, len);
        System.arraycopy(t, i, ot, k, len);
        System.arraycopy(p, i, op, k, len);
        k += len;
        word = from + len >= 64 ? 0 : word & (-1L << (from + len));
      }
    }
  }

  /** Largest x and y of the events (or -1 when empty), failing on a negative coordinate. */
  static int[] maxXy(String transform, Events e) {
    short[] x = e.x();
    short[] y = e.y();
    int mx = largestUnsigned(x);
    int my = largestUnsigned(y);
    if (mx > Short.MAX_VALUE || my > Short.MAX_VALUE) {
      for (int i = 0; i < x.length; i++) {
        if (x[i] < 0 || y[i] < 0) {
          throw org.evshard.transforms.Require.negativeCoordinate(transform, i, x[i], y[i]);
        }
      }
    }
    return new int[] {x.length == 0 ? -1 : mx, y.length == 0 ? -1 : my};
  }

  /**
   * The largest value read as unsigned ({@code char}): a negative short reads as 32768 or more, so one maximum gives
   * both the largest coordinate and whether any is negative. The ternary on a {@code char} accumulator compiles to a
   * shorter loop than {@code Math.max} on ints with a separate minimum (about twice as fast here).
   */
  private static int largestUnsigned(short[] v) {
    char m = 0;
    for (short s : v) {
      char c = (char) s;
      m = c > m ? c : m;
    }
    return m;
  }
}
