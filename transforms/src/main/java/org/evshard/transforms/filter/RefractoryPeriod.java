package org.evshard.transforms.filter;

import org.evshard.io.events.Events;
import org.evshard.transforms.Require;

/**
 * Tonic's {@code refractory_period(refractory_period)}: keeps an event when more than {@code refractory_period}
 * passed since the previous event of the same pixel (kept or not). A pixel's first event passes when its timestamp
 * is positive (Tonic starts every pixel at {@code -refractory_period}).
 */
public final class RefractoryPeriod {

  public static final String NAME = "refractory_period";

  private RefractoryPeriod() {}

  public static Events apply(Events events, double refractoryPeriod) {
    Require.nonNegative(NAME, "refractory_period", refractoryPeriod);
    int n = events.size();
    if (n == 0) {
      return events;
    }
    int[] max = Select.maxXy(NAME, events);
    int w = max[0] + 1;
    double[] memory = new double[w * (max[1] + 1)];
    java.util.Arrays.fill(memory, -refractoryPeriod);
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    int[] keep = new int[n];
    int kept = 0;
    for (int i = 0; i < n; i++) {
      int at = ys[i] * w + xs[i];
      double t = ts[i];
      boolean pass = t - memory[at] > refractoryPeriod;
      memory[at] = t;
      keep[kept] = i;
      kept += pass ? 1 : 0;
    }
    return Select.gather(events, keep, kept);
  }
}
