package org.evshard.transforms.filter;

import org.evshard.io.events.Events;
import org.evshard.transforms.InvalidParameterException;

/** Tonic's {@code crop_time(min, max)}: keeps events with {@code min <= t <= max} (both inclusive). */
public final class CropTime {

  public static final String NAME = "crop_time";

  private CropTime() {}

  /** Pass {@link Long#MAX_VALUE} as {@code max} for Tonic's default (no upper bound). */
  public static Events apply(Events events, long min, long max) {
    if (max < min) {
      throw new InvalidParameterException(NAME + ": max must be >= min, got min=" + min + " max=" + max);
    }
    long[] ts = events.t();
    int n = ts.length;
    int[] keep = new int[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      long t = ts[i];
      if (t >= min && t <= max) {
        keep[kept++] = i;
      }
    }
    return Select.gather(events, keep, kept);
  }
}
