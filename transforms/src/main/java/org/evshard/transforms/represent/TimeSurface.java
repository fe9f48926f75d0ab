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
 * Tonic's global {@code timesurface(dt, tau)} ({@code ToTimesurface} with {@code dt}): the recording is sliced by
 * time windows of {@code dt} (Tonic's {@code slice_by_time} with {@code overlap} and {@code include_incomplete});
 * after slice {@code i} each pixel and polarity holds {@code exp(-(t_i - t_last) / tau)} with
 * {@code t_i = t_first + (i + 1) * dt} and {@code t_last} the time of the pixel's latest event so far; a pixel that
 * has not fired yet holds 0. Output float64 {@code (T, P, H, W)}; with {@code P = 1} polarities share one channel.
 *
 * <p>Speed: pixels that did not fire during a slice decay by the constant factor {@code exp(-dt / tau)} instead of a
 * fresh {@code exp} per pixel; this differs from Tonic's direct formula by a few ulps (relative error about
 * {@code 1e-16} per slice), far inside the 1e-9 the golden tests demand. When {@code dt} is small against the number
of events, fired cells take their value from a table of {@code exp} over the integer ages (see {@code tabulated}),
bit-identical to the direct formula. Empty input gives one all-zero surface
 * (Tonic fails on it). Events must be in time order (the slices are found by binary search), checked as they are
 * visited.
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
    TimeOrder.requireEnds(NAME, ts);
    SliceRanges slices = Slicer.byTime(NAME, ts, dt, overlap, includeIncomplete);
    TimeOrder.outsideSlices(NAME, ts, slices); // and the pairs inside the slices as they are visited
    int w = sensor.width();
    int h = sensor.height();
    int pols = sensor.polarities();
    int plane = w * h;
    int cells = pols * plane;
    int frames = slices.count();
    double[] out = new double[Tensor.checkedSize(NAME, Double.BYTES, frames, pols, h, w)];
    if (ts.length == 0) {
      return Tensor.ofFloat64(new long[] {frames, pols, h, w}, out);
    }
    short[] xs = events.x();
    short[] ys = events.y();
    boolean[] ps = events.p();
    int pOffset = pols == 2 ? plane : 0;
    double decay = Math.exp(-dt / tau);
    long start = ts[0];
    if (dt < ts.length / 4) { // the table of dt + 1 exps is small against the events
      tabulated(events, sensor, slices, dt, tau, out);
      return Tensor.ofFloat64(new long[] {frames, pols, h, w}, out);
    }
    long[] memory = new long[cells];
    int[] touchedAt = new int[cells]; // slice index + 1 of the last slice that touched a cell
    int[] touched = new int[cells + 1]; // + 1: the branchless append writes one past the last touched cell
    for (int f = 0; f < frames; f++) {
      int nTouched = 0;
      int mark = f + 1;
      int end = slices.clampedStop(f);
      int from = slices.clampedStart(f);
      long previous = from < end ? ts[from] : 0;
      for (int i = from; i < end; i++) {
        int x = (char) xs[i]; // unsigned: a negative coordinate fails the same test as one past the edge
        int y = (char) ys[i];
        long t = ts[i];
        if (x >= w | y >= h | t < previous) {
          throw error(i, xs[i], ys[i], t, previous, sensor);
        }
        previous = t;
        int at = (ps[i] ? pOffset : 0) + y * w + x;
        memory[at] = t;
        touched[nTouched] = at;
        nTouched += touchedAt[at] != mark ? 1 : 0;
        touchedAt[at] = mark;
      }
      int base = f * cells;
      if (f > 0) {
        decay(out, base - cells, base, cells, decay);
      }
      long now = (f + 1) * dt + start;
      for (int k = 0; k < nTouched; k++) {
        int at = touched[k];
        out[base + at] = Math.exp((double) (memory[at] - now) / tau);
      }
    }
    return Tensor.ofFloat64(new long[] {frames, pols, h, w}, out);
  }

  /**
   * The same surfaces when {@code dt} is small against the number of events. Timestamps are integers, so a cell's
   * value {@code exp(-(now - t_last) / tau)} depends only on the integer age {@code now - t_last}, which lies in
   * {@code (0, dt]} without overlap: a table of {@code dt + 1} values (the same {@code Math.exp} of the same double,
   * so bit-identical) replaces the exp per touched cell. Each event then writes its cell's value straight into the
   * slice's surface after the decay pass; the last event of a cell in index order wins, as the latest timestamp
   * does in the general path, so no per-cell memory or touched list is needed.
   */
  private static void tabulated(Events events, SensorSize sensor, SliceRanges slices, long dt, double tau,
      double[] out) {
    int w = sensor.width();
    int h = sensor.height();
    int plane = w * h;
    int cells = sensor.polarities() * plane;
    int pOffset = sensor.polarities() == 2 ? plane : 0;
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    boolean[] ps = events.p();
    double decay = Math.exp(-dt / tau);
    double[] table = new double[(int) dt + 1];
    for (int a = 0; a < table.length; a++) {
      table[a] = Math.exp((double) -a / tau);
    }
    long start = ts[0];
    for (int f = 0; f < slices.count(); f++) {
      int base = f * cells;
      if (f > 0) {
        decay(out, base - cells, base, cells, decay);
      }
      long now = (f + 1) * dt + start;
      int end = slices.clampedStop(f);
      int from = slices.clampedStart(f);
      long previous = from < end ? ts[from] : 0;
      for (int i = from; i < end; i++) {
        int x = (char) xs[i]; // unsigned: a negative coordinate fails the same test as one past the edge
        int y = (char) ys[i];
        long t = ts[i];
        if (x >= w | y >= h | t < previous) {
          throw error(i, xs[i], ys[i], t, previous, sensor);
        }
        previous = t;
        long age = now - t;
        double v = age >= 0 & age < table.length ? table[(int) age] : Math.exp((double) -age / tau);
        out[base + (ps[i] ? pOffset : 0) + y * w + x] = v;
      }
    }
  }

  /** An event off the sensor, or one before the previous event of its slice ({@link TimeOrder}). */
  private static TransformException error(int i, int x, int y, long t, long previous, SensorSize sensor) {
    return x < 0 || y < 0 || x >= sensor.width() || y >= sensor.height() ? Require.outsideSensor(NAME, i, x, y, sensor)
        : Require.stepBack(NAME, i, t, previous);
  }

  /** Cells that do not fire in a slice: {@code exp(-(t_i - m) / tau) = previous * exp(-dt / tau)}. */
  private static void decay(double[] out, int from, int to, int cells, double decay) {
    for (int c = 0; c < cells; c++) {
      out[to + c] = out[from + c] * decay;
    }
  }
}
