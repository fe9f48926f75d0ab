package org.evshard.transforms.filter;

import org.evshard.io.events.Events;
import org.evshard.transforms.LongToDouble;
import org.evshard.transforms.Require;

/**
 * Tonic's {@code denoise(filter_time)}: keeps an event when one of its four direct neighbours (left, right, up, down)
 * fired less than {@code filter_time} before it. As in Tonic, the neighbourhood is bounded by the largest x and y that
 * occur in the recording (not by the sensor), and a pixel that never fired counts as having fired at time 0, so that
 * events earlier than {@code filter_time} pass when they have a neighbour inside those bounds.
 *
 * <p>Two loops give the same result. Tonic's own loop keeps {@code t + filter_time} per pixel and reads the four
 * neighbours of every event ({@link #byNeighbourReads}). When the timestamps are non-decreasing and not negative
 * (as recordings normally are), the latest event among a pixel's neighbours is also the one with the largest
 * {@code t + filter_time}, so it is enough to keep, per pixel, the value of its latest neighbour: each event writes its
 * value to its four neighbours and reads one cell ({@link #byNeighbourWrites}), four loads fewer per event. That loop
 * checks the order as it goes and hands over to the first when it finds a step back. With an integer
 * {@code filter_time} and times below 2^31 (recordings up to about 35 minutes) it runs in {@code int}s
 * ({@link #byNeighbourWritesInt}), where Tonic's float64 values are exact integers: the same decisions, faster.
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
    long[] mask = new long[(n + 63) >>> 6];
    int kept = intTimes(events, filterTime)
        ? byNeighbourWritesInt(events, (int) filterTime, max[0] + 1, max[1] + 1, mask)
        : byNeighbourWrites(events, filterTime, max[0] + 1, max[1] + 1, mask);
    if (kept < 0) {
      kept = byNeighbourReads(events, filterTime, max[0] + 1, max[1] + 1, mask);
    }
    return Select.gather(events, mask, kept);
  }

  /**
   * Tonic's loop: per pixel {@code t + filter_time} of its last event (float64, exactly as Tonic), read at the four
   * neighbours of each event. The grid has a border of -infinity (a neighbour outside the events' extent never
   * passes), so the loop needs no bounds checks. Sets the mask bits of the kept events and returns their number.
   */
  static int byNeighbourReads(Events events, double filterTime, int w, int h, long[] mask) {
    int stride = w + 2;
    double[] memory = new double[stride * (h + 2)];
    java.util.Arrays.fill(memory, Double.NEGATIVE_INFINITY);
    for (int y = 1; y <= h; y++) {
      java.util.Arrays.fill(memory, y * stride + 1, y * stride + 1 + w, filterTime);
    }
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    int n = xs.length;
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
    return kept;
  }

  /**
   * Whether {@link #byNeighbourWritesInt} gives the float64 loop's result: an integer {@code filter_time} and, for a
   * sorted recording, every {@code t + filter_time} below 2^31, so that Tonic's float64 sums and comparisons are
   * exact integer ones. (An unsorted recording may hold larger values before its last one; the loop then meets a
   * step back and returns -1 before its result is used.)
   */
  private static boolean intTimes(Events events, double filterTime) {
    long[] ts = events.t();
    return filterTime == Math.rint(filterTime) && filterTime <= Integer.MAX_VALUE
        && ts[ts.length - 1] <= Integer.MAX_VALUE - (long) filterTime;
  }

  /**
   * {@link #byNeighbourWrites} in {@code int}s, when {@link #intTimes} holds: the same decisions (every value is an
   * exact integer below 2^31 there), in half the grid's bytes; the four neighbour stores per event are the loop's cost,
   * and with 4-byte cells it runs in about three quarters of the time (docs/BENCHMARKS.md, session 24). A 1 x 1
   * extent starts at {@code Integer.MIN_VALUE}; the difference is taken in {@code long}, so it cannot overflow.
   * Returns -1 at the first step back in time (or a first timestamp below 0).
   */
  static int byNeighbourWritesInt(Events events, int filterTime, int w, int h, long[] mask) {
    int stride = w + 2;
    int[] latest = new int[stride * (h + 2)];
    java.util.Arrays.fill(latest, w == 1 && h == 1 ? Integer.MIN_VALUE : filterTime);
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    int n = xs.length;
    int kept = 0;
    long previous = 0; // a negative first timestamp is a step back too
    for (int from = 0; from < n; from += 64) {
      int to = Math.min(from + 64, n);
      long word = 0;
      for (int i = from; i < to; i++) {
        long ti = ts[i];
        if (ti < previous) {
          return -1;
        }
        previous = ti;
        int at = (ys[i] + 1) * stride + xs[i] + 1;
        word |= ((ti - latest[at]) >>> 63) << i; // latest > t; shift distance i & 63
        int value = (int) ti + filterTime;
        latest[at - 1] = value;
        latest[at + 1] = value;
        latest[at - stride] = value;
        latest[at + stride] = value;
      }
      mask[from >>> 6] = word;
      kept += Long.bitCount(word);
    }
    return kept;
  }

  /**
   * The same result for non-decreasing timestamps that start at 0 or later: per pixel the {@code t + filter_time} of
   * the latest event among its four neighbours, which for ordered times is the neighbours' largest value, the one
   * Tonic's test needs. Every value written is then at least {@code filter_time}, the start value of a pixel inside
   * the extent, so overwriting never loses a larger one. A pixel of a 1 x 1 extent has no neighbour and starts at
   * -infinity; writes to the border land on cells no event reads. Returns -1, with the mask in an unspecified state,
   * at the first timestamp smaller than the one before it (or than 0, for the first).
   */
  static int byNeighbourWrites(Events events, double filterTime, int w, int h, long[] mask) {
    int stride = w + 2;
    double[] latest = new double[stride * (h + 2)];
    java.util.Arrays.fill(latest, w == 1 && h == 1 ? Double.NEGATIVE_INFINITY : filterTime);
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    int n = xs.length;
    int kept = 0;
    long previous = 0; // a negative first timestamp is a step back too
    for (int from = 0; from < n; from += 64) {
      int to = Math.min(from + 64, n);
      long word = 0;
      for (int i = from; i < to; i++) {
        long ti = ts[i];
        if (ti < previous) {
          return -1;
        }
        previous = ti;
        double t = LongToDouble.convert(ti);
        int at = (ys[i] + 1) * stride + xs[i] + 1;
        word |= (Double.doubleToRawLongBits(t - latest[at]) >>> 63) << i; // latest > t, as above; shift i & 63
        double value = t + filterTime;
        latest[at - 1] = value;
        latest[at + 1] = value;
        latest[at - stride] = value;
        latest[at + stride] = value;
      }
      mask[from >>> 6] = word;
      kept += Long.bitCount(word);
    }
    return kept;
  }
}
