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
    // Tonic keeps t + filter_time per pixel in float64; doubles reproduce that exactly. The grid has a border of
    // -infinity (a neighbour outside the events' extent never passes), so the loop needs no bounds checks.
    int stride = w + 2;
    double[] memory = new double[stride * (h + 2)];
    java.util.Arrays.fill(memory, Double.NEGATIVE_INFINITY);
    for (int y = 1; y <= h; y++) {
      java.util.Arrays.fill(memory, y * stride + 1, y * stride + 1 + w, filterTime);
    }
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    int[] keep = new int[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      double t = ts[i];
      int at = (ys[i] + 1) * stride + xs[i] + 1;
      memory[at] = t + filterTime;
      boolean pass = memory[at - 1] > t | memory[at + 1] > t | memory[at - stride] > t | memory[at + stride] > t;
      keep[kept] = i;
      kept += pass ? 1 : 0;
    }
    return Select.gather(events, keep, kept);
  }
}
