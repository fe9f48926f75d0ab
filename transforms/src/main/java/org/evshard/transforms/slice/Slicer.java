package org.evshard.transforms.slice;

import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Require;

/**
 * Tonic's slicers ({@code tonic/slicers.py}): {@code slice_by_time}, {@code slice_by_event_count},
 * {@code slice_by_time_bins} and {@code slice_by_event_bins}, returning the same {@code [start, stop)} index pairs.
 * Timestamps must be non-decreasing (Tonic assumes the same; it searches them with {@code np.searchsorted}).
 *
 * <p>Where Tonic fails on an empty recording ({@code t[-1]}), evshard returns one empty slice {@code [0, 0)} for the
 * time-window slicer (Tonic's "at least one slice" rule) and {@code bin_count} empty slices for the bin slicers.
 */
public final class Slicer {

  public static final String BY_TIME = "slice_by_time";
  public static final String BY_EVENT_COUNT = "slice_by_event_count";
  public static final String BY_TIME_BINS = "slice_by_time_bins";
  public static final String BY_EVENT_BINS = "slice_by_event_bins";

  private Slicer() {}

  /**
   * Windows of {@code time_window} starting every {@code time_window - overlap} from the first timestamp; the count is
   * {@code floor((t_last - t_first - time_window) / stride) + 1} ({@code ceil} with {@code include_incomplete}), at
   * least 1. Each window holds the events with {@code start <= t < start + time_window}.
   */
  public static SliceRanges byTime(long[] t, long timeWindow, long overlap, boolean includeIncomplete) {
    return byTime(BY_TIME, t, timeWindow, overlap, includeIncomplete);
  }

  /** As the overload without {@code name}, the messages naming {@code name}: the step the user wrote. */
  public static SliceRanges byTime(String name, long[] t, long timeWindow, long overlap, boolean includeIncomplete) {
    long stride = Slicer.stride(name, "time_window", timeWindow, overlap);
    int n = t.length;
    if (n == 0) {
      return new SliceRanges(new long[] {0, 0}, 0);
    }
    double q = (double) (Require.span(name, t[0], t[n - 1]) - timeWindow) / stride; // numpy's true division in float64
    long slices = Math.max((long) (includeIncomplete ? Math.ceil(q) : Math.floor(q)) + 1, 1);
    long[] b = new long[checkedPairs(name, slices)];
    for (int i = 0; i < slices; i++) {
      long start = i * stride + t[0];
      b[2 * i] = lowerBound(t, start);
      b[2 * i + 1] = lowerBoundPast(t, 0, n, start, timeWindow);
    }
    return new SliceRanges(b, n);
  }

  /**
   * Slices of {@code event_count} events (fewer if the recording is shorter) starting every
   * {@code event_count - overlap} events; {@code floor((N - count) / stride) + 1} slices ({@code ceil} with
   * {@code include_incomplete}). As in Tonic, the last incomplete slice's stop may exceed N.
   */
  public static SliceRanges byEventCount(int n, long eventCount, long overlap, boolean includeIncomplete) {
    return byEventCount(BY_EVENT_COUNT, n, eventCount, overlap, includeIncomplete);
  }

  /** As the overload without {@code name}, the messages naming {@code name}: the step the user wrote. */
  public static SliceRanges byEventCount(String name, int n, long eventCount, long overlap, boolean includeIncomplete) {
    long stride = Slicer.stride(name, "event_count", eventCount, overlap);
    long count = Math.min(eventCount, n);
    double q = (double) (n - count) / stride;
    long slices = Math.max((long) (includeIncomplete ? Math.ceil(q) : Math.floor(q)) + 1, 0);
    long[] b = new long[checkedPairs(name, slices)];
    for (int i = 0; i < slices; i++) {
      b[2 * i] = i * stride;
      b[2 * i + 1] = i * stride + count;
    }
    return new SliceRanges(b, n);
  }

  /**
   * {@code bin_count} windows of length {@code ((t_last - t_first) // bin_count) * (1 + overlap)} starting every
   * {@code length * (1 - overlap)}; {@code 0 <= overlap < 1} (float arithmetic as Tonic's).
   */
  public static SliceRanges byTimeBins(long[] t, long binCount, double overlap) {
    return byTimeBins(BY_TIME_BINS, t, binCount, overlap);
  }

  /** As the overload without {@code name}, the messages naming {@code name}: the step the user wrote. */
  public static SliceRanges byTimeBins(String name, long[] t, long binCount, double overlap) {
    Require.positive(name, "bin_count", binCount);
    Require.inRange(name, "overlap", overlap, 0.0, 1.0);
    long[] b = new long[checkedPairs(name, binCount)];
    int n = t.length;
    if (n == 0) {
      return new SliceRanges(b, 0);
    }
    double window = (double) Math.floorDiv(Require.span(name, t[0], t[n - 1]), binCount) * (1 + overlap);
    double stride = window * (1 - overlap);
    double t0 = t[0];
    for (int i = 0; i < binCount; i++) {
      double start = i * stride + t0;
      b[2 * i] = lowerBound(t, start);
      b[2 * i + 1] = lowerBound(t, start + window);
    }
    return new SliceRanges(b, n);
  }

  /**
   * {@code bin_count} slices of {@code int((N // bin_count) * (1 + overlap))} events starting every
   * {@code int(size * (1 - overlap))} events; {@code 0 <= overlap < 1}.
   */
  public static SliceRanges byEventBins(int n, long binCount, double overlap) {
    return byEventBins(BY_EVENT_BINS, n, binCount, overlap);
  }

  /** As the overload without {@code name}, the messages naming {@code name}: the step the user wrote. */
  public static SliceRanges byEventBins(String name, int n, long binCount, double overlap) {
    Require.positive(name, "bin_count", binCount);
    Require.inRange(name, "overlap", overlap, 0.0, 1.0);
    long size = (long) ((double) (n / binCount) * (1 + overlap));
    long stride = (long) (size * (1 - overlap));
    long[] b = new long[checkedPairs(name, binCount)];
    for (int i = 0; i < binCount; i++) {
      b[2 * i] = i * stride;
      b[2 * i + 1] = i * stride + size;
    }
    return new SliceRanges(b, n);
  }

  /**
   * SpikingJelly's fixed-frame-number split ({@code integrate_events_by_fixed_frames_number}): {@code bin_count}
   * slices of {@code N // bin_count} events without overlap, the remainder folded into the last slice.
   */
  public static SliceRanges byEventBinsSpikingJelly(String name, int n, long binCount) {
    Require.positive(name, "n_event_bins", binCount);
    long[] b = new long[checkedPairs(name, binCount)];
    long di = n / binCount;
    for (int i = 0; i < binCount; i++) {
      b[2 * i] = i * di;
      b[2 * i + 1] = i == binCount - 1 ? n : (i + 1) * di;
    }
    return new SliceRanges(b, n);
  }

  /**
   * SpikingJelly's split by time: windows of {@code (t_last - t_first) // bin_count} from the first timestamp, each
   * {@code [start, start + dt)}, the last one extended to the end of the recording.
   */
  public static SliceRanges byTimeBinsSpikingJelly(String name, long[] t, long binCount) {
    Require.positive(name, "n_time_bins", binCount);
    long[] b = new long[checkedPairs(name, binCount)];
    int n = t.length;
    if (n == 0) {
      return new SliceRanges(b, 0);
    }
    long dt = Math.floorDiv(Require.span(name, t[0], t[n - 1]), binCount);
    for (int i = 0; i < binCount; i++) {
      long start = dt * i + t[0];
      b[2 * i] = lowerBound(t, start);
      b[2 * i + 1] = i == binCount - 1 ? n : lowerBoundPast(t, 0, n, start, dt);
    }
    return new SliceRanges(b, n);
  }

  /**
   * The most slices (or bins) one recording may be cut into, held or streamed ({@link SliceBounds} fails as this
   * does): 2^24, an hour in 1 ms windows four times over. Above it
   * a typo such as {@code n_event_bins=894664419} would allocate gigabytes of slice bounds and frames (at parse time
   * too, where each step is validated on an empty recording) and end in an {@code OutOfMemoryError}, found by
   * {@code TransformChainFuzzTest}; now it is an {@link InvalidParameterException} before anything is allocated.
   */
  public static final long MAX_SLICES = 1L << 24;

  static int checkedPairs(String name, long slices) {
    if (slices > MAX_SLICES) {
      throw new InvalidParameterException(name + ": parameters give " + slices + " slices, more than "
          + MAX_SLICES);
    }
    return (int) (2 * slices);
  }

  /**
   * The stride {@code window - overlap} of a window slicer, after checking {@code window > 0}, {@code overlap >= 0}
   * and {@code overlap < window} ({@code windowName} names the window parameter in the messages).
   */
  static long stride(String name, String windowName, long window, long overlap) {
    Require.positive(name, windowName, window);
    Require.nonNegative(name, "overlap", overlap);
    long stride = window - overlap;
    if (stride <= 0) {
      throw new InvalidParameterException(name + ": overlap must be smaller than " + windowName + ", got "
          + windowName + "=" + window + " overlap=" + overlap);
    }
    return stride;
  }

  /** numpy's {@code searchsorted(t, key, side='left')}: the first index with {@code t[i] >= key}. */
  static int lowerBound(long[] t, long key) {
    return lowerBound(t, 0, t.length, key);
  }

  /** {@link #lowerBound(long[], long)} against a float64 key, comparing in float64 as numpy does. */
  static int lowerBound(long[] t, double key) {
    return lowerBound(t, 0, t.length, key);
  }

  /** The first position in {@code t[from, to)} with {@code t >= key} (int64 comparison), {@code to} when none. */
  static int lowerBound(long[] t, int from, int to, long key) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (t[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * {@link #lowerBound(long[], int, int, long)} of {@code start + length} ({@code length >= 0}): a sum past int64 lies
   * after every timestamp, so the answer is {@code to} (the wrapped sum would have given {@code from}, an empty
   * slice, for a window that starts within {@code length} of 2^63).
   */
  static int lowerBoundPast(long[] t, int from, int to, long start, long length) {
    return start > Long.MAX_VALUE - length ? to : lowerBound(t, from, to, start + length);
  }

  /** The same against a float64 key, comparing in float64 as numpy compares int64 timestamps with a float64 key. */
  public static int lowerBound(long[] t, int from, int to, double key) {
    int lo = from;
    int hi = to;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if ((double) t[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
