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
    long[] mask = new long[(n + 63) >>> 6];
    if (refractoryPeriod <= Integer.MAX_VALUE) {
      int kept = inInts(events, (long) refractoryPeriod, w, max[1] + 1, mask);
      if (kept >= 0) {
        return Select.gather(events, mask, kept);
      }
    }
    double[] memory = new double[w * (max[1] + 1)];
    java.util.Arrays.fill(memory, -refractoryPeriod);
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
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

  /**
   * The same decisions in {@code int}s when every timestamp is one: Tonic keeps an event when {@code t - last}, an
   * integer, exceeds the float64 {@code refractory_period}, i.e. its floor {@code r}, and starts every pixel at
   * {@code -r} (an event at {@code t} then passes when {@code t > 0}, as in Tonic). Differences are taken in
   * {@code long}, so they cannot overflow. Whether a timestamp fits an {@code int} is accumulated as the loop goes;
   * returns -1 when one does not (the caller then runs the float64 loop).
   */
  private static int inInts(Events events, long r, int w, int h, long[] mask) {
    int[] memory = new int[w * h];
    java.util.Arrays.fill(memory, (int) -r);
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    int n = xs.length;
    int kept = 0;
    long outside = 0; // non-zero once a timestamp did not fit an int
    for (int from = 0; from < n; from += 64) {
      int to = Math.min(from + 64, n);
      long word = 0;
      for (int i = from; i < to; i++) {
        int at = ys[i] * w + xs[i];
        long ti = ts[i];
        int t = (int) ti;
        outside |= ti - t;
        long since = (long) t - memory[at];
        memory[at] = t;
        word |= ((r - since) >>> 63) << i; // since > r; shift distance i & 63
      }
      mask[from >>> 6] = word;
      kept += Long.bitCount(word);
    }
    return outside == 0 ? kept : -1;
  }
}
