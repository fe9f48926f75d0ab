package org.evshard.transforms.filter;

import org.evshard.io.events.Events;

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
    for (long t : ts) {
      min = Math.min(min, t);
    }
    if (min == 0) {
      return events;
    }
    long[] out = new long[ts.length];
    for (int i = 0; i < ts.length; i++) {
      out[i] = Math.subtractExact(ts[i], min);
    }
    return Events.wrap(events.x(), events.y(), out, events.p());
  }
}
