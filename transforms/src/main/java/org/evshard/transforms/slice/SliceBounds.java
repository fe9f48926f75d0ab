package org.evshard.transforms.slice;

import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Require;

/**
 * The slices of a time-ordered recording computed from its totals alone (event count, first and last timestamp), for
 * a recording that is streamed rather than held: the same slices as {@link Slicer} gives on the whole recording,
 * found while the events go by. Time slicers give time windows (slice {@code i} holds the events with
 * {@code start <= t < stop}, compared in int64 for {@code slice_by_time} and SpikingJelly's split, in float64 for
 * {@code slice_by_time_bins}, exactly as {@link Slicer}'s searches compare), event slicers give index ranges clamped to
 * the recording as {@link SliceRanges#clampedStart}/{@link SliceRanges#clampedStop} clamp them.
 *
 * <p>Starts and stops never decrease from one slice to the next, so the slices holding one event are consecutive.
 */
public final class SliceBounds {

  private enum Kind { TIME, FLOAT_TIME, INDEX }

  private final Kind kind;
  private final int count;
  private final long eventCount;
  private final boolean lastToEnd; // the last slice runs to the end of the recording (SpikingJelly)
  // TIME: start = i * stride + first, stop = start + length; INDEX: start = i * stride (+ first = 0), stop = start + length
  private final long first;
  private final long stride;
  private final long length;
  // FLOAT_TIME: start = i * strideF + firstF, stop = start + lengthF
  private final double firstF;
  private final double strideF;
  private final double lengthF;

  private SliceBounds(Kind kind, int count, long eventCount, boolean lastToEnd, long first, long stride, long length,
      double firstF, double strideF, double lengthF) {
    this.kind = kind;
    this.count = count;
    this.eventCount = eventCount;
    this.lastToEnd = lastToEnd;
    this.first = first;
    this.stride = stride;
    this.length = length;
    this.firstF = firstF;
    this.strideF = strideF;
    this.lengthF = lengthF;
  }

  private static SliceBounds time(String name, long slices, long n, boolean lastToEnd, long first, long stride,
      long length) {
    return new SliceBounds(Kind.TIME, checkedCount(name, slices), n, lastToEnd, first, stride, length, 0, 0, 0);
  }

  private static SliceBounds index(String name, long slices, long n, boolean lastToEnd, long stride, long length) {
    return new SliceBounds(Kind.INDEX, checkedCount(name, slices), n, lastToEnd, 0, stride, length, 0, 0, 0);
  }

  /** {@link Slicer#byTime} of a recording of {@code n} events from {@code tFirst} to {@code tLast}. */
  public static SliceBounds byTime(long n, long tFirst, long tLast, long timeWindow, long overlap,
      boolean includeIncomplete) {
    String name = Slicer.BY_TIME;
    long stride = Slicer.stride(name, "time_window", timeWindow, overlap);
    requireTotals(name, n, tFirst, tLast);
    if (n == 0) {
      return time(name, 1, 0, false, 0, stride, 0); // Tonic's one slice, empty
    }
    double q = (double) (Require.span(name, tFirst, tLast) - timeWindow) / stride;
    long slices = Math.max((long) (includeIncomplete ? Math.ceil(q) : Math.floor(q)) + 1, 1);
    return time(name, slices, n, false, tFirst, stride, timeWindow);
  }

  /** {@link Slicer#byEventCount} of a recording of {@code n} events. */
  public static SliceBounds byEventCount(long n, long eventCount, long overlap, boolean includeIncomplete) {
    String name = Slicer.BY_EVENT_COUNT;
    long stride = Slicer.stride(name, "event_count", eventCount, overlap);
    requireTotals(name, n, 0, 0);
    long size = Math.min(eventCount, n);
    double q = (double) (n - size) / stride;
    long slices = Math.max((long) (includeIncomplete ? Math.ceil(q) : Math.floor(q)) + 1, 0);
    return index(name, slices, n, false, stride, size);
  }

  /** {@link Slicer#byTimeBins} of a recording of {@code n} events from {@code tFirst} to {@code tLast}. */
  public static SliceBounds byTimeBins(long n, long tFirst, long tLast, long binCount, double overlap) {
    String name = Slicer.BY_TIME_BINS;
    Require.positive(name, "bin_count", binCount);
    Require.inRange(name, "overlap", overlap, 0.0, 1.0);
    requireTotals(name, n, tFirst, tLast);
    int slices = checkedCount(name, binCount);
    if (n == 0) {
      return new SliceBounds(Kind.FLOAT_TIME, slices, 0, false, 0, 0, 0, 0, 0, 0);
    }
    double window = (double) Math.floorDiv(Require.span(name, tFirst, tLast), binCount) * (1 + overlap);
    double stride = window * (1 - overlap);
    return new SliceBounds(Kind.FLOAT_TIME, slices, n, false, 0, 0, 0, tFirst, stride, window);
  }

  /** {@link Slicer#byEventBins} of a recording of {@code n} events. */
  public static SliceBounds byEventBins(long n, long binCount, double overlap) {
    String name = Slicer.BY_EVENT_BINS;
    Require.positive(name, "bin_count", binCount);
    Require.inRange(name, "overlap", overlap, 0.0, 1.0);
    requireTotals(name, n, 0, 0);
    long size = (long) ((double) (n / binCount) * (1 + overlap));
    long stride = (long) (size * (1 - overlap));
    return index(name, binCount, n, false, stride, size);
  }

  /** {@link Slicer#byEventBinsSpikingJelly} of a recording of {@code n} events. */
  public static SliceBounds byEventBinsSpikingJelly(String name, long n, long binCount) {
    Require.positive(name, "n_event_bins", binCount);
    requireTotals(name, n, 0, 0);
    long di = n / binCount;
    return index(name, binCount, n, true, di, di);
  }

  /** {@link Slicer#byTimeBinsSpikingJelly} of a recording of {@code n} events from {@code tFirst} to {@code tLast}. */
  public static SliceBounds byTimeBinsSpikingJelly(String name, long n, long tFirst, long tLast, long binCount) {
    Require.positive(name, "n_time_bins", binCount);
    requireTotals(name, n, tFirst, tLast);
    if (n == 0) {
      return time(name, binCount, 0, false, 0, 0, 0);
    }
    long dt = Math.floorDiv(Require.span(name, tFirst, tLast), binCount);
    return time(name, binCount, n, true, tFirst, dt, dt);
  }

  private static void requireTotals(String name, long n, long tFirst, long tLast) {
    if (n < 0 || (n > 0 && tLast < tFirst)) {
      throw new InvalidParameterException(name + ": a recording needs a count >= 0 and t_last >= t_first, got "
          + "count=" + n + " t_first=" + tFirst + " t_last=" + tLast);
    }
  }

  private static int checkedCount(String name, long slices) {
    return Slicer.checkedPairs(name, slices) / 2;
  }

  /** Number of slices. */
  public int count() {
    return count;
  }

  /** Number of events of the recording these bounds were computed for. */
  public long eventCount() {
    return eventCount;
  }

  /** True for time windows, false for index ranges. */
  public boolean byTime() {
    return kind != Kind.INDEX;
  }

  /**
   * Where slice {@code slice} starts among the events {@code t[from, to)} of a time-ordered recording whose event
   * {@code t[0]} has index {@code firstIndex}: the first position at or after its start, {@code to} when it starts
   * later. On the whole recording ({@code firstIndex = 0, from = 0, to = N}) this is {@link Slicer}'s clamped start.
   */
  public int startIn(int slice, long firstIndex, long[] t, int from, int to) {
    check(slice);
    return switch (kind) {
      case TIME -> Slicer.lowerBound(t, from, to, slice * stride + first);
      case FLOAT_TIME -> Slicer.lowerBound(t, from, to, slice * strideF + firstF);
      case INDEX -> position(clampedStart(slice), firstIndex, from, to);
    };
  }

  /**
   * Where slice {@code slice} stops among the events {@code t[from, to)}: the first position of an event after the
   * slice (at or after its stop), {@code to} when it runs on. On the whole recording this is {@link Slicer}'s clamped
   * stop.
   */
  public int stopIn(int slice, long firstIndex, long[] t, int from, int to) {
    check(slice);
    if (lastToEnd && slice == count - 1) {
      return to;
    }
    return switch (kind) {
      case TIME -> Slicer.lowerBoundPast(t, from, to, slice * stride + first, length);
      case FLOAT_TIME -> Slicer.lowerBound(t, from, to, slice * strideF + firstF + lengthF);
      case INDEX -> position(clampedStop(slice), firstIndex, from, to);
    };
  }

  private void check(int slice) {
    if (slice < 0 || slice >= count) {
      throw new IndexOutOfBoundsException("slice " + slice + " of " + count);
    }
  }

  private long clampedStart(int slice) {
    return Math.min(Math.max(slice * stride, 0), eventCount);
  }

  private long clampedStop(int slice) {
    long stop = slice * stride + length;
    return Math.max(clampedStart(slice), Math.min(Math.max(stop, 0), eventCount));
  }

  /** The position of event {@code index} in a window of events from {@code firstIndex}, within {@code [from, to]}. */
  private static int position(long index, long firstIndex, int from, int to) {
    return (int) Math.min(Math.max(index - firstIndex, from), to);
  }

  @Override
  public String toString() {
    return "SliceBounds[" + kind + ", " + count + " slices of " + eventCount + " events]";
  }
}
