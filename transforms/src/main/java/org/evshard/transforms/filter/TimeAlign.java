package org.evshard.transforms.filter;

import org.evshard.io.events.Events;
import org.evshard.transforms.Require;

/** Tonic's {@code time_align} ({@code TimeAlignment}): subtracts the smallest timestamp, so time starts at 0. */
public final class TimeAlign {

  public static final String NAME = "time_align";

  private TimeAlign() {}

  public static Events apply(Events events) {
    long[] ts = events.t();
    if (ts.length == 0) {
      return events;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (long t : ts) {
      min = Math.min(min, t);
      max = Math.max(max, t);
    }
    if (min == 0) {
      return events;
    }
    Require.span(NAME, min, max); // else a subtraction below overflows (it threw an ArithmeticException)
    long[] out = new long[ts.length];
    for (int i = 0; i < ts.length; i++) {
      out[i] = ts[i] - min;
    }
    return Events.wrap(events.x(), events.y(), out, events.p());
  }
}
