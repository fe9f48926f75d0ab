package org.evshard.transforms.represent;

import org.evshard.io.events.Events;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;

/**
 * Tonic's {@code voxel_grid(n_time_bins)} (Zhu et al. 2019 event volume, code adapted from rpg_e2vid): each event adds
 * its polarity (+1 ON, -1 OFF) to the two time bins around its normalised timestamp with linear weights. Output
 * float64 {@code (B, 1, H, W)}.
 *
 * <p>{@link Scaling#TONIC}: {@code ts = B * (t - t0) / (t_last - t0)}; the last event lands exactly on {@code B}
 * and, as in Tonic, contributes nothing. {@link Scaling#E2VID} (rpg_e2vid's {@code events_to_voxel_grid}):
 * {@code ts = (B - 1) * (t - t0) / deltaT} with {@code deltaT = 1} when the recording has zero length.
 *
 * <p>Deviations from Tonic, documented: (1) polarity is always signed from the boolean column (Tonic's kernel turns a
 * boolean polarity into all-ON because {@code p[p == 0] = -1} on a bool array gives True; the golden cases use
 * Tonic's integer polarity, which this matches); with a one-channel sensor ({@code P = 1}, merged polarities) every
 * event counts +1. (2) A zero-length recording (one event, or all timestamps equal) gives NaN in Tonic; evshard puts
 * every event at {@code ts = 0}, i.e. with weight 1 into bin 0. (3) An empty recording gives all zeros. Tonic
 * accumulates all left contributions before all right ones; evshard interleaves them, so sums may differ in the last
 * bit (well within 1e-9).
 */
public final class VoxelGrid {

  public static final String NAME = "voxel_grid";

  /** How timestamps are normalised onto the bins. */
  public enum Scaling { TONIC, E2VID }

  private VoxelGrid() {}

  public static Tensor apply(Events events, SensorSize sensor, long nTimeBins, Scaling scaling) {
    Require.sensor(NAME, sensor);
    Require.positive(NAME, "n_time_bins", nTimeBins);
    int w = sensor.width();
    int h = sensor.height();
    int bins = (int) Math.min(nTimeBins, Integer.MAX_VALUE);
    double[] grid = new double[Tensor.checkedSize(NAME, nTimeBins, 1, h, w)];
    int n = events.size();
    if (n > 0) {
      fill(events, sensor, bins, scaling, grid);
    }
    return Tensor.ofFloat64(new long[] {nTimeBins, 1, h, w}, grid);
  }

  private static void fill(Events events, SensorSize sensor, int bins, Scaling scaling, double[] grid) {
    int w = sensor.width();
    int h = sensor.height();
    int plane = w * h;
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    boolean[] ps = events.p();
    int n = ts.length;
    double t0 = ts[0];
    double span = (double) (ts[n - 1] - ts[0]); // numpy: int64 difference, promoted to float64 in the division
    double scale;
    boolean zeroLength = span == 0;
    if (scaling == Scaling.E2VID) {
      scale = bins - 1;
      if (zeroLength) {
        span = 1.0;
        zeroLength = false;
      }
    } else {
      scale = bins;
    }
    int off = sensor.polarities() == 1 ? 1 : -1;
    for (int i = 0; i < n; i++) {
      int x = (char) xs[i]; // unsigned: a negative coordinate fails the same test as one past the edge
      int y = (char) ys[i];
      if (x >= w | y >= h) {
        throw Require.outsideSensor(NAME, i, xs[i], ys[i], sensor);
      }
      double t = zeroLength ? 0.0 : scale * ((double) ts[i] - t0) / span;
      int ti = (int) t;
      double dt = t - ti;
      double pol = ps[i] ? 1 : off; // an int select compiles to a conditional move; a double one to a branch
      int at = y * w + x + ti * plane;
      if (ti >= 0 & ti < bins - 1) { // both bins inside: every event of a sorted recording before the last bin
        grid[at] += pol * (1.0 - dt);
        grid[at + plane] += pol * dt;
      } else {
        if (ti >= 0 & ti < bins) { // ti < 0 only for timestamps before the first (unsorted input)
          grid[at] += pol * (1.0 - dt);
        }
        if (ti >= -1 & ti + 1 < bins) {
          grid[at + plane] += pol * dt;
        }
      }
    }
  }
}
