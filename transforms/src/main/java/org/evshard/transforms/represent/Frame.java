package org.evshard.transforms.represent;

import org.evshard.io.events.Events;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.TransformException;
import org.evshard.transforms.slice.SliceRanges;
import org.evshard.transforms.slice.Slicer;
import org.evshard.transforms.slice.TimeOrder;

/**
 * Tonic's {@code ToFrame}: per slice, per polarity, the number of events of each pixel, as an int16 tensor
 * {@code (T, P, H, W)}. With {@code P = 1} all polarities count into one channel. Slices come from Tonic's slicers
 * ({@link Slicer}); {@link #spikingJellyTimeBins}/{@link #spikingJellyEventBins} follow SpikingJelly's split instead.
 *
 * <p>Deviation: where Tonic's int16 counter would wrap past 32767 events in one pixel of one frame, evshard saturates
 * at 32767 (keeps Tonic's dtype; a count that large only occurs for pathological pixels). Tonic writes
 * {@code p = 0} into the caller's array for {@code P = 1}; evshard never modifies its input. An event outside the
 * sensor is an error (Tonic raises IndexError, or silently wraps a negative index).
 */
public final class Frame {

  public static final String NAME = "frame";
  /** Tonic's {@code ToImage}. */
  public static final String IMAGE_NAME = "image";

  private Frame() {}

  public static Tensor byTimeWindow(Events e, SensorSize s, long timeWindow, long overlap, boolean includeIncomplete) {
    TimeOrder.requireEnds(NAME, e.t());
    return accumulate(e, s, Slicer.byTime(NAME, e.t(), timeWindow, overlap, includeIncomplete), true);
  }

  public static Tensor byEventCount(Events e, SensorSize s, long eventCount, long overlap, boolean includeIncomplete) {
    return accumulate(e, s, Slicer.byEventCount(NAME, e.size(), eventCount, overlap, includeIncomplete));
  }

  public static Tensor byTimeBins(Events e, SensorSize s, long nTimeBins, double overlap) {
    TimeOrder.requireEnds(NAME, e.t());
    return accumulate(e, s, Slicer.byTimeBins(NAME, e.t(), nTimeBins, overlap), true);
  }

  public static Tensor byEventBins(Events e, SensorSize s, long nEventBins, double overlap) {
    return accumulate(e, s, Slicer.byEventBins(NAME, e.size(), nEventBins, overlap));
  }

  /** SpikingJelly's split by time: equal windows of {@code span // n}, the remainder folded into the last frame. */
  public static Tensor spikingJellyTimeBins(Events e, SensorSize s, long nTimeBins) {
    TimeOrder.requireEnds(NAME, e.t());
    return accumulate(e, s, Slicer.byTimeBinsSpikingJelly(NAME, e.t(), nTimeBins), true);
  }

  /** SpikingJelly's split by number: {@code N // n} events per frame, the remainder folded into the last frame. */
  public static Tensor spikingJellyEventBins(Events e, SensorSize s, long nEventBins) {
    return accumulate(e, s, Slicer.byEventBinsSpikingJelly(NAME, e.size(), nEventBins));
  }

  /**
   * Tonic's {@code ToImage}: every event counted into one int16 image {@code (P, H, W)}, i.e. {@code to_frame} with
   * {@code event_count = N} and the frame axis squeezed. No events give an all-zero image (Tonic fails on them).
   */
  public static Tensor image(Events e, SensorSize s) {
    Tensor one = accumulate(e, s, Slicer.byEventBins(NAME, e.size(), 1, 0.0));
    return Tensor.ofInt16(new long[] {one.dim(1), one.dim(2), one.dim(3)}, one.shorts());
  }

  /** Counts the events of each slice (clamped to the recording, as Python slicing does). */
  public static Tensor accumulate(Events events, SensorSize sensor, SliceRanges slices) {
    return accumulate(events, sensor, slices, false);
  }

  /**
   * As {@link #accumulate(Events, SensorSize, SliceRanges)}; with {@code timeOrdered} the events must be in time
   * order (slices by time were found by binary search and are wrong otherwise): checked as they are counted
   * ({@link TimeOrder}).
   */
  private static Tensor accumulate(Events events, SensorSize sensor, SliceRanges slices, boolean timeOrdered) {
    Require.sensor(NAME, sensor);
    int w = sensor.width();
    int h = sensor.height();
    int pols = sensor.polarities();
    int frames = slices.count();
    short[] out = new short[Tensor.checkedSize(NAME, Short.BYTES, frames, pols, h, w)];
    int plane = w * h;
    int pOffset = pols == 2 ? plane : 0;
    short[] xs = events.x();
    short[] ys = events.y();
    boolean[] ps = events.p();
    long[] ts = timeOrdered ? events.t() : null;
    if (timeOrdered) {
      TimeOrder.outsideSlices(NAME, ts, slices);
    }
    int cells = pols * plane;
    for (int f = 0; f < frames; f++) {
      int from = slices.clampedStart(f);
      int to = slices.clampedStop(f);
      boolean saturate = to - from > Short.MAX_VALUE;
      if (to - from >= cells / 8 && lineSum(out, f * cells, cells) != 0) {
        // A freshly allocated frame is not in cache, and counting at random would miss on most of its lines: the
        // frame is first read one value per 64-byte line, in order (the hardware prefetcher streams the lines in).
        // The sum is tested so that the JIT keeps those loads; a frame not yet counted is all zero.
        throw new IllegalStateException("frame " + f + " is not empty before counting");
      }
      if (ts != null) {
        countOrdered(xs, ys, ts, ps, from, to, out, f * cells, pOffset, saturate, sensor);
      } else {
        count(xs, ys, ps, from, to, out, f * cells, pOffset, saturate, sensor);
      }
    }
    return Tensor.ofInt16(new long[] {frames, pols, h, w}, out);
  }

  /** The sum of one value per 64-byte line of {@code out[base, base + cells)}. */
  private static int lineSum(short[] out, int base, int cells) {
    int sum = 0;
    for (int k = base; k < base + cells; k += 32) {
      sum |= out[k];
    }
    return sum;
  }

  /**
   * Adds the events {@code [from, to)} into the frame at {@code base}. Coordinates are read as unsigned 16-bit, so a
   * negative one is caught by the same {@code >= w} test. Only a slice of more than 32767 events can reach the
   * saturation limit, so smaller slices take a plain increment.
   */
  private static void count(short[] xs, short[] ys, boolean[] ps, int from, int to, short[] out, int base,
      int pOffset, boolean saturate, SensorSize sensor) {
    if (saturate) {
      countSaturating(xs, ys, ps, from, to, out, base, pOffset, sensor);
    } else {
      countPlain(xs, ys, ps, from, to, out, base, pOffset, sensor);
    }
  }

  private static void countSaturating(short[] xs, short[] ys, boolean[] ps, int from, int to, short[] out, int base,
      int pOffset, SensorSize sensor) {
    int w = sensor.width();
    int h = sensor.height();
    for (int i = from; i < to; i++) {
      int x = (char) xs[i];
      int y = (char) ys[i];
      if (x >= w | y >= h) {
        throw outside(i, xs[i], ys[i], sensor);
      }
      int at = base + (ps[i] ? pOffset : 0) + y * w + x;
      int v = out[at];
      out[at] = (short) (v + ((v - Short.MAX_VALUE) >>> 31)); // +1, saturating at 32767
    }
  }

  private static void countPlain(short[] xs, short[] ys, boolean[] ps, int from, int to, short[] out, int base,
      int pOffset, SensorSize sensor) {
    int w = sensor.width();
    int h = sensor.height();
    for (int i = from; i < to; i++) {
      int x = (char) xs[i];
      int y = (char) ys[i];
      if (x >= w | y >= h) {
        throw outside(i, xs[i], ys[i], sensor);
      }
      out[base + (ps[i] ? pOffset : 0) + y * w + x]++;
    }
  }

  /**
   * As {@link #count}, each event also compared with the one before it in the slice (the interior pairs of
   * {@link TimeOrder}).
   */
  private static void countOrdered(short[] xs, short[] ys, long[] ts, boolean[] ps, int from, int to, short[] out,
      int base, int pOffset, boolean saturate, SensorSize sensor) {
    int w = sensor.width();
    int h = sensor.height();
    long previous = from < to ? ts[from] : 0;
    for (int i = from; i < to; i++) {
      int x = (char) xs[i];
      int y = (char) ys[i];
      long t = ts[i];
      if (x >= w | y >= h | t < previous) {
        throw x >= w | y >= h ? outside(i, xs[i], ys[i], sensor) : Require.stepBack(NAME, i, t, previous);
      }
      previous = t;
      int at = base + (ps[i] ? pOffset : 0) + y * w + x;
      if (saturate) {
        int v = out[at];
        out[at] = (short) (v + ((v - Short.MAX_VALUE) >>> 31)); // +1, saturating at 32767
      } else {
        out[at]++;
      }
    }
  }

  static TransformException outside(int i, int x, int y, SensorSize s) {
    return Require.outsideSensor(NAME, i, x, y, s);
  }
}
