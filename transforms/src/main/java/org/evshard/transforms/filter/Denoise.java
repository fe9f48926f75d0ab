package org.evshard.transforms.filter;

import org.evshard.io.events.Events;
import org.evshard.transforms.LongToDouble;
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
    long[] mask = new long[(n + 63) >>> 6];
    int kept = 0;
    for (int from = 0; from < n; from += 64) {
      int to = Math.min(from + 64, n);
      long word = 0;
      for (int i = from; i < to; i++) {
        double t = LongToDouble.convert(ts[i]);
        int at = (ys[i] + 1) * stride + xs[i] + 1;
        memory[at] = t + filterTime;
        // m > t exactly when t - m < 0 (t finite, m finite or -infinity, never NaN: the difference of two distinct
        // doubles never rounds to zero), so the sign bits of the four differences OR together into "some neighbour
        // fired recently" without a float compare per neighbour
        long any = Double.doubleToRawLongBits(t - memory[at - 1]) | Double.doubleToRawLongBits(t - memory[at + 1])
            | Double.doubleToRawLongBits(t - memory[at - stride])
            | Double.doubleToRawLongBits(t - memory[at + stride]);
        word |= (any >>> 63) << i; // shift distance i & 63
      }
      mask[from >>> 6] = word;
      kept += Long.bitCount(word);
    }
    return Select.gather(events, mask, kept);
  }
}
