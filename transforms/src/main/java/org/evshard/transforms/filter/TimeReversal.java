package org.evshard.transforms.filter;

import org.evshard.io.events.Events;
import org.evshard.transforms.TransformException;

/**
 * Tonic's {@code RandomTimeReversal(p=1, flip_polarities)}: {@code t' = max(t) - t}, the events in reverse order (so a
 * time-ordered recording stays time-ordered), and with {@code flip_polarities} (Tonic's default) ON and OFF swapped,
 * since a brightness increase played backwards is a decrease.
 */
public final class TimeReversal {

  public static final String NAME = "time_reversal";

  private TimeReversal() {}

  public static Events apply(Events events, boolean flipPolarities) {
    int n = events.size();
    if (n == 0) {
      return events;
    }
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    boolean[] ps = events.p();
    long max = Long.MIN_VALUE;
    for (long t : ts) {
      max = Math.max(max, t);
    }
    short[] ox = new short[n];
    short[] oy = new short[n];
    long[] ot = new long[n];
    boolean[] op = new boolean[n];
    for (int i = 0, j = n - 1; i < n; i++, j--) {
      ox[i] = xs[j];
      oy[i] = ys[j];
      long t = max - ts[j];
      if (t < 0) { // max - t overflowed: only for a span beyond 2^63 us
        throw new TransformException(NAME + ": the span from t=" + ts[j] + " to t=" + max
            + " exceeds the int64 range");
      }
      ot[i] = t;
      op[i] = ps[j] ^ flipPolarities;
    }
    return Events.wrap(ox, oy, ot, op);
  }
}
