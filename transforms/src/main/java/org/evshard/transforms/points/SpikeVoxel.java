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
 * The voxel key packs {@code ix, iy, it} as bit fields (most significant first) above the polarity bit; a radix sort
 * of these keys gives the lexicographic order, hash-free.
 */
public final class SpikeVoxel {

  public static final String NAME = "spike_voxel";

  /** Feature columns before the binary steps: coordinates (3) + count, balance, spikes. */
  public static final int BASE_COLUMNS = 6;

  private static final long MAX_BINS = 1L << 20;

  private SpikeVoxel() {}

  /** With explicit bin counts {@code grid = {BX, BY, BT}}. */
  public static Tensor byBins(Events events, SensorSize sensor, long[] grid, long maxSpikes, long timeSteps) {
    if (grid == null || grid.length != 3) {
      throw InvalidParameterException.of(NAME, "grid", "three bin counts (x, y, t)", grid == null ? "None"
          : Arrays.toString(grid));
    }
    for (int a = 0; a < 3; a++) {
      if (grid[a] < 1 || grid[a] > MAX_BINS) {
        throw InvalidParameterException.of(NAME, "grid", "bin counts in 1.." + MAX_BINS, Arrays.toString(grid));
      }
    }
    checkCommon(sensor, maxSpikes, timeSteps);
    int n = events.size();
    long[] keys = new long[n];
    long bx = grid[0];
    long by = grid[1];
    long bt = grid[2];
    int w = sensor.width();
    int h = sensor.height();
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    boolean[] ps = events.p();
    long[] range = timeRange(ts);
    long tMin = range[0];
    long span = range[1] - range[0];
    boolean exact = span <= Long.MAX_VALUE / bt;
    double scale = span == 0 ? 0 : (double) bt / span;
    long[] ixs = lookup(w, bx);
    long[] iys = lookup(h, by);
    int yShift = bits(bt);
    int xShift = yShift + bits(by);
    for (int i = 0; i < n; i++) {
      int x = xs[i];
      int y = ys[i];
      if ((x | y | (w - 1 - x) | (h - 1 - y)) < 0) {
        throw Require.outsideSensor(NAME, i, x, y, sensor);
      }
      long dt = ts[i] - tMin;
      long it;
      if (span == 0) {
        it = 0;
      } else if (exact) {
        // floor(dt * bt / span) without a 64-bit division: estimate in float64, then correct by at most one
        long num = dt * bt;
        it = (long) (dt * scale);
        if (it * span > num) {
          it--;
        } else if ((it + 1) * span <= num) {
          it++;
        }
      } else {
        it = (long) Math.floor((double) dt * bt / span);
      }
      it = Math.min(it, bt - 1);
      keys[i] = (ixs[x] << xShift | iys[y] << yShift | it) << 1 | (ps[i] ? 1 : 0);
    }
    return encode(keys, new long[] {bx, by, bt}, maxSpikes, timeSteps);
  }

  /** With a voxel side {@code gridSize} in normalised units, {@code 0 < gridSize <= 1}. */
  public static Tensor bySize(Events events, SensorSize sensor, double gridSize, long maxSpikes, long timeSteps) {
    if (!(gridSize > 0 && gridSize <= 1)) {
      throw InvalidParameterException.of(NAME, "grid_size", "in (0, 1]", gridSize);
    }
    long bins = (long) Math.ceil(1.0 / gridSize);
    if (bins > MAX_BINS) {
      throw InvalidParameterException.of(NAME, "grid_size", ">= 1/" + MAX_BINS, gridSize);
    }
    checkCommon(sensor, maxSpikes, timeSteps);
    int n = events.size();
    long[] keys = new long[n];
    double w = sensor.width();
    double h = sensor.height();
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    boolean[] ps = events.p();
    long[] range = timeRange(ts);
    double span = (double) (range[1] - range[0]);
    long[] ixs = new long[sensor.width()];
    for (int x = 0; x < ixs.length; x++) {
      ixs[x] = Math.min((long) Math.floor(x / w / gridSize), bins - 1);
    }
    long[] iys = new long[sensor.height()];
    for (int y = 0; y < iys.length; y++) {
      iys[y] = Math.min((long) Math.floor(y / h / gridSize), bins - 1);
    }
    int yShift = bits(bins);
    int xShift = 2 * yShift;
    for (int i = 0; i < n; i++) {
      int x = xs[i];
      int y = ys[i];
      if ((x | y | (sensor.width() - 1 - x) | (sensor.height() - 1 - y)) < 0) {
        throw Require.outsideSensor(NAME, i, x, y, sensor);
      }
      long it = span == 0 ? 0 : Math.min((long) Math.floor((ts[i] - range[0]) / span / gridSize), bins - 1);
      keys[i] = (ixs[x] << xShift | iys[y] << yShift | it) << 1 | (ps[i] ? 1 : 0);
    }
    return encode(keys, new long[] {bins, bins, bins}, maxSpikes, timeSteps);
  }

  /** {@code floor(v * bins / size)} for every {@code v} in {@code [0, size)}. */
  private static long[] lookup(int size, long bins) {
    long[] out = new long[size];
    for (int v = 0; v < size; v++) {
      out[v] = v * bins / size;
    }
    return out;
  }

  /** Bits of a bin index in {@code [0, bins)}. */
  private static int bits(long bins) {
    return 64 - Long.numberOfLeadingZeros(bins - 1);
  }

  private static void checkCommon(SensorSize sensor, long maxSpikes, long timeSteps) {
    Require.positive(NAME, "max_spikes", maxSpikes);
    Require.nonNegative(NAME, "time_steps", timeSteps);
    if (timeSteps != 0 && timeSteps < maxSpikes) {
      throw InvalidParameterException.of(NAME, "time_steps", "0 or >= max_spikes (" + maxSpikes + ")", timeSteps);
    }
    if (timeSteps > 1 << 16) {
      throw InvalidParameterException.of(NAME, "time_steps", "<= " + (1 << 16), timeSteps);
    }
    Require.sensor(NAME, sensor);
  }

  private static long[] timeRange(long[] ts) {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (long t : ts) {
      lo = Math.min(lo, t);
      hi = Math.max(hi, t);
    }
    return ts.length == 0 ? new long[] {0, 0} : new long[] {lo, hi};
  }

  /** Sorts the keys ({@code voxel << 1 | polarity}) and run-length encodes them into rows. */
  private static Tensor encode(long[] keys, long[] bins, long maxSpikes, long timeSteps) {
    int n = keys.length;
    int cols = (int) (BASE_COLUMNS + timeSteps);
    int tBits = bits(bins[2]);
    int yBits = bits(bins[1]);
    int keyBits = bits(bins[0]) + yBits + tBits + 1;
    sort(keys, keyBits);
    int v = 0;
    for (int i = 0; i < n; i++) {
      if (i == 0 || keys[i] >>> 1 != keys[i - 1] >>> 1) {
        v++;
      }
    }
    long[] out = new long[Tensor.checkedSize(NAME, v, cols)];
    long yMask = (1L << yBits) - 1;
    long tMask = (1L << tBits) - 1;
    int row = -1;
    for (int i = 0; i < n; i++) {
      long voxel = keys[i] >>> 1;
      int o;
      if (i == 0 || voxel != keys[i - 1] >>> 1) {
        row++;
        o = row * cols;
        out[o] = voxel >>> (yBits + tBits);
        out[o + 1] = voxel >>> tBits & yMask;
        out[o + 2] = voxel & tMask;
      } else {
        o = row * cols;
      }
      out[o + 3]++;
      out[o + 4] += (keys[i] & 1) == 1 ? 1 : -1;
    }
    for (int r = 0; r < v; r++) {
      int o = r * cols;
      long spikes = Math.min(out[o + 3], maxSpikes); // counts are integers: round(count) == count
      out[o + 5] = spikes;
      for (int s = 0; s < spikes && s < timeSteps; s++) {
        out[o + BASE_COLUMNS + s] = 1;
      }
    }
    return Tensor.ofInt64(new long[] {v, cols}, out);
  }

  /** LSD radix sort (11-bit digits) when the keys fit in 31 bits, else {@link Arrays#sort}. */
  private static void sort(long[] keys, int bits) {
    int n = keys.length;
    if (bits > 31 || n < 64) {
      Arrays.sort(keys);
      return;
    }
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = (int) keys[i];
    }
    int[] b = new int[n];
    int[] count = new int[1 << 11];
    for (int shift = 0; shift < bits; shift += 11) {
      Arrays.fill(count, 0);
      for (int i = 0; i < n; i++) {
        count[(a[i] >>> shift) & 0x7FF]++;
      }
      int sum = 0;
      for (int d = 0; d < count.length; d++) {
        int c = count[d];
        count[d] = sum;
        sum += c;
      }
      for (int i = 0; i < n; i++) {
        b[count[(a[i] >>> shift) & 0x7FF]++] = a[i];
      }
      int[] tmp = a;
      a = b;
      b = tmp;
    }
    for (int i = 0; i < n; i++) {
      keys[i] = a[i];
    }
  }
}
