package org.evshard.transforms.represent;

import org.evshard.io.events.Events;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.TransformException;
import org.evshard.transforms.slice.SliceRanges;
import org.evshard.transforms.slice.Slicer;

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

  private Frame() {}

  public static Tensor byTimeWindow(Events e, SensorSize s, long timeWindow, long overlap, boolean includeIncomplete) {
    return accumulate(e, s, Slicer.byTime(e.t(), timeWindow, overlap, includeIncomplete));
  }

  public static Tensor byEventCount(Events e, SensorSize s, long eventCount, long overlap, boolean includeIncomplete) {
    return accumulate(e, s, Slicer.byEventCount(e.size(), eventCount, overlap, includeIncomplete));
  }

  public static Tensor byTimeBins(Events e, SensorSize s, long nTimeBins, double overlap) {
    return accumulate(e, s, Slicer.byTimeBins(e.t(), nTimeBins, overlap));
  }

  public static Tensor byEventBins(Events e, SensorSize s, long nEventBins, double overlap) {
    return accumulate(e, s, Slicer.byEventBins(e.size(), nEventBins, overlap));
  }

  /** SpikingJelly's split by time: equal windows of {@code span // n}, the remainder folded into the last frame. */
  public static Tensor spikingJellyTimeBins(Events e, SensorSize s, long nTimeBins) {
    return accumulate(e, s, Slicer.byTimeBinsSpikingJelly(NAME, e.t(), nTimeBins));
  }

  /** SpikingJelly's split by number: {@code N // n} events per frame, the remainder folded into the last frame. */
  public static Tensor spikingJellyEventBins(Events e, SensorSize s, long nEventBins) {
    return accumulate(e, s, Slicer.byEventBinsSpikingJelly(NAME, e.size(), nEventBins));
  }

  /** Counts the events of each slice (clamped to the recording, as Python slicing does). */
  public static Tensor accumulate(Events events, SensorSize sensor, SliceRanges slices) {
    Require.sensor(NAME, sensor);
    int w = sensor.width();
    int h = sensor.height();
    int pols = sensor.polarities();
    int frames = slices.count();
    short[] out = new short[Tensor.checkedSize(NAME, frames, pols, h, w)];
    int plane = w * h;
    int pOffset = pols == 2 ? plane : 0;
    short[] xs = events.x();
    short[] ys = events.y();
    boolean[] ps = events.p();
    for (int f = 0; f < frames; f++) {
      int base = f * pols * plane;
      int end = slices.clampedStop(f);
      for (int i = slices.clampedStart(f); i < end; i++) {
        int x = xs[i];
        int y = ys[i];
        if ((x | y | (w - 1 - x) | (h - 1 - y)) < 0) { // outside the sensor
          throw outside(i, x, y, sensor);
        }
        int at = base + (ps[i] ? pOffset : 0) + y * w + x;
        int v = out[at];
        out[at] = (short) (v + ((v - Short.MAX_VALUE) >>> 31)); // +1, saturating at 32767
      }
    }
    return Tensor.ofInt16(new long[] {frames, pols, h, w}, out);
  }

  static TransformException outside(int i, int x, int y, SensorSize s) {
    return Require.outsideSensor(NAME, i, x, y, s);
  }
}
