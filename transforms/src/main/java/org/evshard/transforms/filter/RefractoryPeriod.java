package org.evshard.transforms.filter;

import org.evshard.io.events.Events;
import org.evshard.transforms.LongToDouble;
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
    long[] mask = new long[(n + 63) >>> 6];
    int kept = 0;
    for (int from = 0; from < n; from += 64) {
      int to = Math.min(from + 64, n);
      long word = 0;
      for (int i = from; i < to; i++) {
        int at = ys[i] * w + xs[i];
        double t = LongToDouble.convert(ts[i]);
        double since = t - memory[at];
        memory[at] = t;
        // since > refractory_period exactly when refractory_period - since < 0 (both finite)
        word |= (Double.doubleToRawLongBits(refractoryPeriod - since) >>> 63) << i; // shift distance i & 63
      }
      mask[from >>> 6] = word;
      kept += Long.bitCount(word);
    }
    return Select.gather(events, mask, kept);
  }
}
