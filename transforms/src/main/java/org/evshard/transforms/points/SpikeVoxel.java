package org.evshard.transforms.points;

import java.util.Arrays;
import org.evshard.io.events.Events;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;

/**
 * Spike Voxel Coding after E-3DSNN (Qiu et al., "Efficient 3D Recognition with Event-driven Spike Sparse
 * Convolution"): events scaled into a 3-D grid, one entry per occupied voxel, stored sparse.
 *
 * <p>Grid: either explicit bin counts {@code grid=(BX, BY, BT)} with {@code ix = floor(x * BX / W)},
 * {@code iy = floor(y * BY / H)}, {@code it = floor((t - t_min) * BT / (t_max - t_min))} clamped to {@code BT - 1}
 * (integer arithmetic), or a voxel side {@code grid_size = g} in normalised units with
 * {@code i = min(floor(u / g), ceil(1 / g) - 1)} on {@code u = x/W, y/H, (t - t_min)/(t_max - t_min)} (float64).
 * {@code t_min}, {@code t_max} are the smallest and largest timestamps of the input; a zero span puts every event in
 * time bin 0.
 *
 * <p>Output int64 {@code (V, 6 + T)}, one row per occupied voxel in lexicographic {@code (ix, iy, it)} order, columns
 * {@code [ix, iy, it, count, on - off, spikes, b_0 .. b_{T-1}]}: {@code count} events in the voxel,
 * {@code on - off} the polarity balance, {@code spikes = min(round(count), max_spikes)} the Multispike integer code,
 * and with {@code time_steps = T > 0} its binary expansion {@code b_s = 1} iff {@code s < spikes} (E-3DSNN's
 * integer-training / binary-inference equivalence; {@code T} must be at least {@code max_spikes} so no spike is lost).
 * Events are counted by {@link EventVoxels} (a dense count for small grids, else a counting sort by plane cell),
 * hash-free.
 * {@link #pointsByBins} and {@link #pointsBySize} code the point clouds of {@link PointCloud} the same way.
 */
public final class SpikeVoxel {

  public static final String NAME = "spike_voxel";

  /** Feature columns before the binary steps: coordinates (3) + count, balance, spikes. */
  public static final int BASE_COLUMNS = 6;

  private static final long MAX_BINS = 1L << 20;

  private SpikeVoxel() {}

  /** With explicit bin counts {@code grid = {BX, BY, BT}}. */
  public static Tensor byBins(Events events, SensorSize sensor, long[] grid, long maxSpikes, long timeSteps) {
    return byBins(events, sensor, grid, maxSpikes, timeSteps, EventVoxels.Path.AUTO);
  }

  static Tensor byBins(Events events, SensorSize sensor, long[] grid, long maxSpikes, long timeSteps,
      EventVoxels.Path path) {
    checkGrid(grid);
    checkCommon(maxSpikes, timeSteps);
    Require.sensor(NAME, sensor);
    long[] range = timeRange(events.t());
    return EventVoxels.rows(NAME, events, sensor, lookup(sensor.width(), grid[0]), lookup(sensor.height(), grid[1]),
        grid, TimeBins.ofCounts(range[1] - range[0], grid[2]), range[0], range[2] == 1, maxSpikes, timeSteps, path);
  }

  /** With a voxel side {@code gridSize} in normalised units, {@code 0 < gridSize <= 1}. */
  public static Tensor bySize(Events events, SensorSize sensor, double gridSize, long maxSpikes, long timeSteps) {
    return bySize(events, sensor, gridSize, maxSpikes, timeSteps, EventVoxels.Path.AUTO);
  }

  static Tensor bySize(Events events, SensorSize sensor, double gridSize, long maxSpikes, long timeSteps,
      EventVoxels.Path path) {
    long bins = binsOf(gridSize);
    checkCommon(maxSpikes, timeSteps);
    Require.sensor(NAME, sensor);
    long[] range = timeRange(events.t());
    return EventVoxels.rows(NAME, events, sensor, sideBins(sensor.width(), gridSize, bins),
        sideBins(sensor.height(), gridSize, bins), new long[] {bins, bins, bins},
        TimeBins.ofSize(range[1] - range[0], gridSize, bins), range[0], range[2] == 1, maxSpikes, timeSteps, path);
  }

  /** {@code min(floor(v / size / gridSize), bins - 1)} for every {@code v} in {@code [0, size)}. */
  private static long[] sideBins(int size, double gridSize, long bins) {
    long[] out = new long[size];
    for (int v = 0; v < size; v++) {
      out[v] = Math.min((long) Math.floor(v / (double) size / gridSize), bins - 1);
    }
    return out;
  }

  /**
   * Spike voxels of point clouds, float32 {@code (N, P, C)} with {@code C} 3 or 4 as {@link PointCloud} makes them
   * (coordinates {@code x, y, t} in [0, 1], then the polarity). Bins: {@code i = min(floor(u * B), B - 1)} for each
   * coordinate {@code u} (float64 arithmetic on the float32 value). Output int64 {@code (V, 7 + T)}: the window index,
   * then the columns of the events form; rows in lexicographic {@code (window, ix, iy, it)} order. The balance counts
   * a point as ON when its polarity channel is 1 and OFF when it is 0; without a polarity channel it is 0.
   */
  public static Tensor pointsByBins(Tensor cloud, long[] grid, long maxSpikes, long timeSteps) {
    checkGrid(grid);
    checkCommon(maxSpikes, timeSteps);
    return points(cloud, grid, 0, maxSpikes, timeSteps, false);
  }

  /** Spike voxels of point clouds with a voxel side: {@code i = min(floor(u / g), ceil(1 / g) - 1)}. */
  public static Tensor pointsBySize(Tensor cloud, double gridSize, long maxSpikes, long timeSteps) {
    long bins = binsOf(gridSize);
    checkCommon(maxSpikes, timeSteps);
    return points(cloud, new long[] {bins, bins, bins}, gridSize, maxSpikes, timeSteps, false);
  }

  static Tensor points(Tensor cloud, long[] grid, double gridSize, long maxSpikes, long timeSteps,
      boolean forceSort) {
    if (cloud.type() != Tensor.ElementType.FLOAT32 || cloud.rank() != 3 || cloud.dim(2) < 3 || cloud.dim(2) > 4) {
      throw new InvalidParameterException(NAME + ": on a tensor it needs float32 points (N, P, 3|4) from an "
          + "ungrouped point_cloud, got " + cloud);
    }
    int windows = (int) cloud.dim(0);
    int p = (int) cloud.dim(1);
    int c = (int) cloud.dim(2);
    float[] in = cloud.floats();
    long[] ids = new long[windows * p];
    byte[] signs = new byte[windows * p];
    long perWindow = grid[0] * grid[1] * grid[2];
    for (int w = 0, at = 0; w < windows; w++) {
      for (int i = 0; i < p; i++, at += c) {
        long ix = pointBin(in[at], grid[0], gridSize, at);
        long iy = pointBin(in[at + 1], grid[1], gridSize, at + 1);
        long it = pointBin(in[at + 2], grid[2], gridSize, at + 2);
        int sign = 0;
        if (c == 4) {
          float pol = in[at + 3];
          if (pol != 0f && pol != 1f) {
            throw new InvalidParameterException(NAME + ": polarity channel of point " + i + " in window " + w
                + " must be 0 or 1, got " + pol);
          }
          sign = pol == 1f ? 1 : -1;
        }
        ids[w * p + i] = w * perWindow + (ix * grid[1] + iy) * grid[2] + it;
        signs[w * p + i] = (byte) sign;
      }
    }
    VoxelRows rows = new VoxelRows(NAME, new long[] {windows, grid[0], grid[1], grid[2]}, ids.length, forceSort);
    rows.addAll(ids, signs, ids.length);
    return rows.rows(maxSpikes, timeSteps);
  }

  private static long pointBin(float u, long bins, double gridSize, int element) {
    if (!(u >= 0f && u <= 1f)) {
      throw new InvalidParameterException(NAME + ": point coordinates must lie in [0, 1], element " + element
          + " is " + u);
    }
    long i = gridSize > 0 ? (long) Math.floor(u / gridSize) : (long) Math.floor((double) u * bins);
    return Math.min(i, bins - 1);
  }

  private static void checkGrid(long[] grid) {
    if (grid == null || grid.length != 3) {
      throw InvalidParameterException.of(NAME, "grid", "three bin counts (x, y, t)", grid == null ? "None"
          : Arrays.toString(grid));
    }
    for (int a = 0; a < 3; a++) {
      if (grid[a] < 1 || grid[a] > MAX_BINS) {
        throw InvalidParameterException.of(NAME, "grid", "bin counts in 1.." + MAX_BINS, Arrays.toString(grid));
      }
    }
  }

  private static long binsOf(double gridSize) {
    if (!(gridSize > 0 && gridSize <= 1)) {
      throw InvalidParameterException.of(NAME, "grid_size", "in (0, 1]", gridSize);
    }
    long bins = (long) Math.ceil(1.0 / gridSize);
    if (bins > MAX_BINS) {
      throw InvalidParameterException.of(NAME, "grid_size", ">= 1/" + MAX_BINS, gridSize);
    }
    return bins;
  }

  /** {@code floor(v * bins / size)} for every {@code v} in {@code [0, size)}. */
  private static long[] lookup(int size, long bins) {
    long[] out = new long[size];
    for (int v = 0; v < size; v++) {
      out[v] = v * bins / size;
    }
    return out;
  }

  private static void checkCommon(long maxSpikes, long timeSteps) {
    Require.positive(NAME, "max_spikes", maxSpikes);
    Require.nonNegative(NAME, "time_steps", timeSteps);
    if (timeSteps != 0 && timeSteps < maxSpikes) {
      throw InvalidParameterException.of(NAME, "time_steps", "0 or >= max_spikes (" + maxSpikes + ")", timeSteps);
    }
    if (timeSteps > 1 << 16) {
      throw InvalidParameterException.of(NAME, "time_steps", "<= " + (1 << 16), timeSteps);
    }
  }

  /** {@code {t_min, t_max, 1 if the timestamps are non-decreasing else 0}}; {@code {0, 0, 1}} when empty. */
  private static long[] timeRange(long[] ts) {
    int n = ts.length;
    int i = 1;
    while (i < n && ts[i] >= ts[i - 1]) {
      i++;
    }
    if (i >= n) { // time-ordered (or empty)
      return n == 0 ? new long[] {0, 0, 1} : new long[] {ts[0], ts[n - 1], 1};
    }
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (long t : ts) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
    return new long[] {lo, hi, 0};
  }
}
