package org.evshard.transforms.slice;

import org.evshard.transforms.Require;

/**
 * The time-order check of kernels that visit events slice by slice ({@code frame} and {@code timesurface} by time):
 * they compare each event with the one before it inside a slice as they count it, where the timestamp costs one more
 * load next to the coordinates, and {@link #outsideSlices} checks the adjacent pairs no slice interior holds (each
 * slice's first event against the one before it, and the events before, between and after the slices). Together
 * every pair {@code (i - 1, i)} is checked at least once without a separate pass over all timestamps, which cost
 * these kernels about a sixth of their time. Errors are {@link Require#stepBack}'s.
 */
public final class TimeOrder {

  private TimeOrder() {}

  /**
   * Before slicing: a last timestamp below the first means a step back somewhere; it is found and reported here,
   * where the slicer would see a negative span.
   */
  public static void requireEnds(String transform, long[] t) {
    int n = t.length;
    if (n > 1 && t[n - 1] < t[0]) {
      Require.timeOrdered(transform, t, n);
    }
  }

  /**
   * Checks the pairs {@code (i - 1, i)} with {@code i} outside every slice interior {@code (start, stop)}. Slices of
   * the time slicers start in non-decreasing order; should they not, every pair is checked.
   */
  public static void outsideSlices(String transform, long[] t, SliceRanges slices) {
    int n = t.length;
    int next = 1; // the first pair index not yet known to be checked
    int lastStart = 0;
    for (int s = 0; s < slices.count(); s++) {
      int from = slices.clampedStart(s);
      int to = slices.clampedStop(s);
      if (from < lastStart) {
        Require.timeOrdered(transform, t, n);
        return;
      }
      lastStart = from;
      if (to - from < 2) {
        continue; // no interior pair
      }
      check(transform, t, next, from + 1); // up to and including the slice's first event against the one before
      next = Math.max(next, to);
    }
    check(transform, t, next, n);
  }

  /** Pairs {@code (i - 1, i)} for {@code from <= i < to}, {@code i >= 1}. */
  private static void check(String transform, long[] t, int from, int to) {
    for (int i = Math.max(from, 1); i < to; i++) {
      if (t[i] < t[i - 1]) {
        throw Require.stepBack(transform, i, t[i], t[i - 1]);
      }
    }
  }
}
