package org.evshard.transforms.filter;

import org.evshard.io.events.Events;
import org.evshard.transforms.Require;

/**
 * Tonic's {@code denoise(filter_time)}: keeps an event when one of its four direct neighbours (left, right, up, down)
 * fired less than {@code filter_time} before it. As in Tonic, the neighbourhood is bounded by the largest x and y that
 * occur in the recording (not by the sensor), and a pixel that never fired counts as having fired at time 0, so that
 * events earlier than {@code filter_time} pass when they have a neighbour inside those bounds.
 */
public final class Denoise {

  public static final String NAME = "denoise";

  private Denoise() {}

  public static Events apply(Events events, double filterTime) {
    Require.nonNegative(NAME, "filter_time", filterTime);
    int n = events.size();
    if (n == 0) {
      return events;
    }
    int[] max = Select.maxXy(NAME, events);
    int w = max[0] + 1;
    int h = max[1] + 1;
    // Tonic keeps t + filter_time per pixel in float64; doubles reproduce that exactly
    double[] memory = new double[w * h];
    java.util.Arrays.fill(memory, filterTime);
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    int[] keep = new int[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int x = xs[i];
      int y = ys[i];
      double t = ts[i];
      int at = y * w + x;
      memory[at] = t + filterTime;
      if ((x > 0 && memory[at - 1] > t) || (x < w - 1 && memory[at + 1] > t)
          || (y > 0 && memory[at - w] > t) || (y < h - 1 && memory[at + w] > t)) {
        keep[kept++] = i;
      }
    }
    return Select.gather(events, keep, kept);
  }
}
