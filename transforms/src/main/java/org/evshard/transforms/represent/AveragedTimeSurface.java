package org.evshard.transforms.represent;

import org.evshard.io.events.Events;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;

/**
 * Tonic's {@code averaged_timesurface} (HATS, Sironi et al. 2018): the sensor is cut into square cells of
 * {@code cell_size}; for every event, a local {@code surface_size} x {@code surface_size} time surface is built from
 * the earlier events of the same cell and polarity within {@code surface_size // 2} pixels and within
 * {@code time_window} ({@code t_j >= max(0, t_i - time_window)}), each contributing {@code exp(-(t_i - t_j) / tau)}
 * ({@code decay=exp}) or {@code 1 - (t_i - t_j) / (3 tau)} ({@code decay=lin}, not clipped, as in Tonic), plus 1 at
 * the centre for the event itself. The surfaces of a cell and polarity are summed and divided by its event count.
 * Output float32 {@code (cells, P, surface_size, surface_size)}, cells in row-major order of the cell grid.
 *
 * <p>Deviation: Tonic casts timestamps to float32, which loses microseconds past 2^24 us (16.8 s); evshard computes
 * in float64 and rounds the final averages to float32 (results agree with Tonic to float32 precision for short
 * recordings). Timestamps must be non-decreasing.
 */
public final class AveragedTimeSurface {

  public static final String NAME = "averaged_timesurface";

  /** Decay of a past event's contribution. */
  public enum Decay { EXP, LIN }

  private AveragedTimeSurface() {}

  public static Tensor apply(Events events, SensorSize sensor, long cellSize, long surfaceSize, double timeWindow,
      double tau, Decay decay) {
    Require.sensor(NAME, sensor);
    Require.positive(NAME, "cell_size", cellSize);
    Require.positive(NAME, "surface_size", surfaceSize);
    Require.nonNegative(NAME, "time_window", timeWindow);
    Require.positive(NAME, "tau", tau);
    if (surfaceSize % 2 == 0 || surfaceSize > cellSize) {
      throw new InvalidParameterException(NAME + ": surface_size must be odd and <= cell_size, got surface_size="
          + surfaceSize + " cell_size=" + cellSize);
    }
    int w = sensor.width();
    int h = sensor.height();
    int pols = sensor.polarities();
    int cs = (int) Math.min(cellSize, Integer.MAX_VALUE);
    int gw = (w - 1) / cs + 1; // ceil(w / cs) without the overflow of w + cs - 1
    int gh = (h - 1) / cs + 1;
    Tensor.checkedSize(NAME, Double.BYTES, (long) gw * gh, pols, surfaceSize, surfaceSize);
    int s = (int) surfaceSize;
    int rho = s / 2;
    int area = s * s;
    int buckets = gw * gh * pols;
    double[] hist = new double[buckets * area];
    // group event indices by (cell, polarity), keeping their order: a counting sort
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    boolean[] ps = events.p();
    int n = ts.length;
    int[] bucketOf = new int[n];
    int[] first = new int[buckets + 1];
    for (int i = 0; i < n; i++) {
      int x = xs[i];
      int y = ys[i];
      if (x < 0 || y < 0 || x >= w || y >= h) {
        throw Require.outsideSensor(NAME, i, x, y, sensor);
      }
      if (i > 0 && ts[i] < ts[i - 1]) {
        throw Require.stepBack(NAME, i, ts[i], ts[i - 1]);
      }
      int b = ((y / cs) * gw + x / cs) * pols + (pols == 2 && ps[i] ? 1 : 0);
      bucketOf[i] = b;
      first[b + 1]++;
    }
    for (int b = 0; b < buckets; b++) {
      first[b + 1] += first[b];
    }
    int[] order = new int[n];
    int[] fill = first.clone();
    for (int i = 0; i < n; i++) {
      order[fill[bucketOf[i]]++] = i;
    }
    for (int b = 0; b < buckets; b++) {
      int lo = first[b];
      int hi = first[b + 1];
      int base = b * area;
      for (int k = lo; k < hi; k++) {
        int i = order[k];
        double ti = ts[i];
        double tStart = Math.max(0, ti - timeWindow);
        for (int j = k - 1; j >= lo; j--) {
          int e = order[j];
          double tj = ts[e];
          if (tj < tStart) {
            break; // sorted: every earlier event is older still
          }
          int dx = xs[e] - xs[i];
          int dy = ys[e] - ys[i];
          if (dx < -rho || dx > rho || dy < -rho || dy > rho) {
            continue;
          }
          double v = decay == Decay.EXP ? Math.exp(-(ti - tj) / tau) : -(ti - tj) / (3 * tau) + 1;
          hist[base + (dy + rho) * s + dx + rho] += v;
        }
        hist[base + rho * s + rho] += 1;
      }
      int count = Math.max(1, hi - lo);
      for (int c = 0; c < area; c++) {
        hist[base + c] /= count;
      }
    }
    float[] out = new float[hist.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) hist[i];
    }
    return Tensor.ofFloat32(new long[] {(long) gw * gh, pols, s, s}, out);
  }
}
