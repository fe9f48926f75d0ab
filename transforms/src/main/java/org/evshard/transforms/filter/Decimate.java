package org.evshard.transforms.filter;

import org.evshard.io.events.Events;
import org.evshard.transforms.Require;

/** Tonic's {@code decimate(n)}: per pixel, keeps every n-th event (the n-th, 2n-th, ...). */
public final class Decimate {

  public static final String NAME = "decimate";

  private Decimate() {}

  public static Events apply(Events events, long n) {
    Require.positive(NAME, "n", n);
    int size = events.size();
    if (size == 0) {
      return events;
    }
    int[] max = Select.maxXy(NAME, events);
    int w = max[0] + 1;
    long[] count = new long[w * (max[1] + 1)];
    short[] xs = events.x();
    short[] ys = events.y();
    int[] keep = new int[size];
    int kept = 0;
    for (int i = 0; i < size; i++) {
      int at = ys[i] * w + xs[i];
      if (++count[at] >= n) {
        count[at] = 0;
        keep[kept++] = i;
      }
    }
    return Select.gather(events, keep, kept);
  }
}
