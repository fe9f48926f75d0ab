package org.evshard.transforms.filter;

import org.evshard.io.events.Events;
import org.evshard.transforms.LongToDouble;
import org.evshard.transforms.Require;
import org.evshard.transforms.TransformException;

/**
 * Tonic's {@code TimeSkew(coefficient, offset)} with fixed values: {@code t' = trunc(t * coefficient + offset)}, in
 * float64 as numpy computes it (the int64 timestamp promoted to float64, multiplied, the offset added, then cast back
 * to int64, which truncates toward zero). Coordinates, polarities and the event order are kept; a negative
 * coefficient reverses time without reordering, as in Tonic. Deviations: a result outside the int64 range is an error
 * (numpy's cast gives an undefined value there); coefficient 1 with offset 0 returns the events unchanged, also for
 * timestamps beyond 2^53 that numpy's float64 round trip would round.
 */
public final class TimeSkew {

  public static final String NAME = "time_skew";

  /** 2^63 as a double: the first value past the int64 range. */
  private static final double INT64_LIMIT = 0x1p63;

  private TimeSkew() {}

  public static Events apply(Events events, double coefficient, double offset) {
    Require.finite(NAME, "coefficient", coefficient);
    Require.finite(NAME, "offset", offset);
    long[] ts = events.t();
    if (coefficient == 1.0 && offset == 0.0) {
      return events;
    }
    long[] out = new long[ts.length];
    for (int i = 0; i < ts.length; i++) {
      double v = LongToDouble.convert(ts[i]) * coefficient + offset; // = (double) ts[i] * coefficient + offset
      if (!(v < INT64_LIMIT && v >= -INT64_LIMIT)) {
        throw new TransformException(NAME + ": event " + i + " at t=" + ts[i] + " maps to " + v
            + ", outside the int64 timestamp range");
      }
      out[i] = (long) v;
    }
    return Events.wrap(events.x(), events.y(), out, events.p());
  }
}
