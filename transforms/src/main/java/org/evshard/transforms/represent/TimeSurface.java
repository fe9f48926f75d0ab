package org.evshard.transforms.represent;

import org.evshard.io.events.Events;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.slice.SliceRanges;
import org.evshard.transforms.slice.Slicer;

/**
 * Tonic's global {@code timesurface(dt, tau)} ({@code ToTimesurface} with {@code dt}): the recording is sliced by
 * time windows of {@code dt} (Tonic's {@code slice_by_time} with {@code overlap} and {@code include_incomplete});
 * after slice {@code i} each pixel and polarity holds {@code exp(-(t_i - t_last) / tau)} with
 * {@code t_i = t_first + (i + 1) * dt} and {@code t_last} the time of the pixel's latest event so far; a pixel that
 * has not fired yet holds 0. Output float64 {@code (T, P, H, W)}; with {@code P = 1} polarities share one channel.
 *
 * <p>Speed: pixels that did not fire during a slice decay by the constant factor {@code exp(-dt / tau)} instead of a
 * fresh {@code exp} per pixel; this differs from Tonic's direct formula by a few ulps (relative error about
 * {@code 1e-16} per slice), far inside the 1e-9 the golden tests demand. Empty input gives one all-zero surface
 * (Tonic fails on it).
 */
public final class TimeSurface {

  public static final String NAME = "timesurface";

  private TimeSurface() {}

  public static Tensor apply(Events events, SensorSize sensor, long dt, double tau, long overlap,
      boolean includeIncomplete) {
    Require.sensor(NAME, sensor);
    Require.positive(NAME, "dt", dt);
    Require.positive(NAME, "tau", tau);
    long[] ts = events.t();
    SliceRanges slices = Slicer.byTime(ts, dt, overlap, includeIncomplete);
    int w = sensor.width();
    int h = sensor.height();
    int pols = sensor.polarities();
    int plane = w * h;
    int cells = pols * plane;
    int frames = slices.count();
    double[] out = new double[Tensor.checkedSize(NAME, frames, pols, h, w)];
    if (ts.length == 0) {
      return Tensor.ofFloat64(new long[] {frames, pols, h, w}, out);
    }
    long[] memory = new long[cells];
    int[] touchedAt = new int[cells]; // slice index + 1 of the last slice that touched a cell
    int[] touched = new int[cells];
    short[] xs = events.x();
    short[] ys = events.y();
    boolean[] ps = events.p();
    int pOffset = pols == 2 ? plane : 0;
    double decay = Math.exp(-dt / tau);
    long start = ts[0];
    for (int f = 0; f < frames; f++) {
      int nTouched = 0;
      int mark = f + 1;
      int end = slices.clampedStop(f);
      for (int i = slices.clampedStart(f); i < end; i++) {
        int x = xs[i];
        int y = ys[i];
        if ((x | y | (w - 1 - x) | (h - 1 - y)) < 0) { // outside the sensor
          throw Require.outsideSensor(NAME, i, x, y, sensor);
        }
        int at = (ps[i] ? pOffset : 0) + y * w + x;
        memory[at] = ts[i];
        touched[nTouched] = at;
        nTouched += touchedAt[at] != mark ? 1 : 0;
        touchedAt[at] = mark;
      }
      int base = f * cells;
      if (f > 0) {
        int prev = base - cells;
        for (int c = 0; c < cells; c++) {
          out[base + c] = out[prev + c] * decay; // not fired in this slice: exp(-(t_i - m) / tau) = previous * decay
        }
      }
      long now = (f + 1) * dt + start;
      for (int k = 0; k < nTouched; k++) {
        int at = touched[k];
        out[base + at] = Math.exp((double) (memory[at] - now) / tau);
      }
    }
    return Tensor.ofFloat64(new long[] {frames, pols, h, w}, out);
  }
}
