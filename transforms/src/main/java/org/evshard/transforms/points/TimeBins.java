package org.evshard.transforms.points;

/**
 * The time bin of an event for {@link SpikeVoxel}, exactly as its formulas define it, with few divisions: every bin
 * is an interval of {@code dt = t - t_min} (the formulas are non-decreasing in {@code dt}), so {@link #forEachRun}
 * computes a bin once per run of events inside its interval (a run is found by search on time-ordered input, by two
 * comparisons per event otherwise). One instance serves one kernel call; it is not thread-safe.
 *
 * <ul>
 *   <li>{@link #ofCounts}: {@code min(floor(dt * B / span), B - 1)}, exact integer arithmetic; bin {@code b} starts at
 *       {@code ceil(b * span / B)}.</li>
 *   <li>{@link #ofSize}: {@code min(floor(dt / span / g), B - 1)} in float64; bin {@code b} starts at the smallest
 *       {@code dt} whose formula value reaches {@code b}, found by binary search (tables for at most
 *       {@link #MAX_TABLE} bins, the formula itself beyond).</li>
 * </ul>
 * A zero span puts every event in bin 0.
 */
final class TimeBins {

  static final int MAX_TABLE = 4096;

  private final long span;
  private final long bins;
  private final double gridSize;
  private final boolean exactCounts;
  private final long[] start;
  private long lo = 0;
  private long hi = -1;

  private TimeBins(long span, long bins, double gridSize) {
    this.span = span;
    this.bins = bins;
    this.gridSize = gridSize;
    this.exactCounts = gridSize == 0 && span <= Long.MAX_VALUE / bins;
    if (gridSize > 0 && span > 0 && bins <= MAX_TABLE) {
      start = new long[(int) bins + 1];
      for (int b = 1; b <= bins; b++) {
        start[b] = firstReaching(b);
      }
    } else {
      start = null;
    }
  }

  /** {@code bins} bins over {@code span = t_max - t_min} µs. */
  static TimeBins ofCounts(long span, long bins) {
    return new TimeBins(span, bins, 0);
  }

  /** Bins of side {@code gridSize} in normalised time, {@code bins = ceil(1 / gridSize)}. */
  static TimeBins ofSize(long span, double gridSize, long bins) {
    return new TimeBins(span, bins, gridSize);
  }

  /** Receives a run of consecutive events {@code [from, to)} that share the time bin {@code bin}. */
  interface Run {
    void events(int from, int to, int bin);
  }

  /**
   * Cuts the events into maximal runs of one time bin and hands each to {@code run}, in order. With
   * {@code timeOrdered} (non-decreasing timestamps) a run's end is found by a galloping search on the timestamps, so
   * the caller's loop over a run reads no timestamp; otherwise every timestamp is compared with the bin's interval.
   */
  void forEachRun(long[] ts, long tMin, boolean timeOrdered, Run run) {
    int n = ts.length;
    for (int i = 0; i < n; ) {
      int bin = (int) compute(ts[i] - tMin); // sets the bin's interval [lo, hi)
      long from = lo;
      long to = hi;
      int end = i + 1; // a run of one event when the formula gave the bin without an interval (to <= from)
      if (to > from && timeOrdered) {
        end = to == Long.MAX_VALUE ? n : firstAtLeast(ts, end, n, tMin + to);
      } else if (to > from) {
        while (end < n && ts[end] - tMin >= from && ts[end] - tMin < to) {
          end++;
        }
      }
      run.events(i, end, bin);
      i = end;
    }
  }

  /** The first index in {@code [from, n)} whose timestamp is at least {@code t} (ascending {@code ts}), or n. */
  private static int firstAtLeast(long[] ts, int from, int n, long t) {
    int step = 1;
    int lo = from;
    int hi = from;
    while (hi < n && ts[hi] < t) { // gallop: runs are often short
      lo = hi + 1;
      hi = (int) Math.min(n, (long) hi + step);
      step <<= 1;
    }
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ts[mid] >= t) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private long compute(long dt) {
    lo = 0;
    hi = -1;
    if (span == 0) { // every event in bin 0
      lo = Long.MIN_VALUE;
      hi = Long.MAX_VALUE;
      return 0;
    }
    long b;
    if (gridSize > 0) {
      b = Math.min((long) Math.floor(dt / (double) span / gridSize), bins - 1);
      if (start == null) {
        return b;
      }
      lo = start[(int) b];
      hi = b == bins - 1 ? Long.MAX_VALUE : start[(int) b + 1];
    } else if (exactCounts) {
      b = Math.min(dt * bins / span, bins - 1);
      lo = ceilDiv(b * span, bins);
      hi = b == bins - 1 ? Long.MAX_VALUE : ceilDiv((b + 1) * span, bins);
    } else {
      return Math.min((long) Math.floor((double) dt * bins / span), bins - 1);
    }
    return b;
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /** Smallest {@code dt} in {@code [0, span]} with {@code floor(dt / span / g) >= b}, or {@code span + 1}. */
  private long firstReaching(long b) {
    long low = 0;
    long high = span + 1;
    while (low < high) {
      long mid = low + (high - low) / 2;
      if ((long) Math.floor(mid / (double) span / gridSize) >= b) {
        high = mid;
      } else {
        low = mid + 1;
      }
    }
    return low;
  }
}
