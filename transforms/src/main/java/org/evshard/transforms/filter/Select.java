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
   * copied. A bit mask is 32 times smaller than an index list and stays in cache; the copy is branchless: every event
   * up to the last kept one is written at the next free slot, which only advances past kept events.
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
    if (kept > 0) {
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

  /** Largest x and y of the events (or -1 when empty), failing on a negative coordinate. */
  static int[] maxXy(String transform, Events e) {
    short[] x = e.x();
    short[] y = e.y();
    int mx = -1;
    int my = -1;
    int mn = 0;
    for (int i = 0; i < x.length; i++) {
      int xi = x[i];
      int yi = y[i];
      mx = Math.max(mx, xi);
      my = Math.max(my, yi);
      mn = Math.min(mn, Math.min(xi, yi));
    }
    if (mn < 0) {
      for (int i = 0; i < x.length; i++) {
        if (x[i] < 0 || y[i] < 0) {
          throw org.evshard.transforms.Require.negativeCoordinate(transform, i, x[i], y[i]);
        }
      }
    }
    return new int[] {mx, my};
  }
}
