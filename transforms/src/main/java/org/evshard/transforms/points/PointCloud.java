package org.evshard.transforms.points;

import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.TransformException;
import org.evshard.transforms.slice.SliceRanges;
import org.evshard.transforms.slice.Slicer;

/**
 * Event point clouds for point-based SNNs (SpikePoint; the DVS Gesture preparation of its authors): time windows of
 * {@code window} µs every {@code stride} µs, exactly {@code slice_by_time(time_window=window,
 * overlap=window-stride, include_incomplete=True)}; windows with fewer than {@code min_events} events are skipped; from
 * each kept window exactly {@code n_points} events are drawn with a seeded {@link SplittableRandom} (without
 * replacement when the window holds enough events, with replacement otherwise) and kept in time order.
 *
 * <p>Output float32 {@code (N_windows, n_points, C)}, channels {@code x/W, y/H, (t - t_min)/(t_max - t_min)} and,
 * with {@code polarity}, {@code p} (1 ON, 0 OFF). {@code t_min}, {@code t_max} are the first and last timestamps of
 * all events of the window (not only the sampled ones); a window of zero time span gives t = 0. Every value lies in
 * [0, 1]. With {@code n_groups > 0} the points of each window are grouped ({@link PointGrouping}) into float32
 * {@code (N_windows, n_groups, k, C + 3)}.
 *
 * <p>Timestamps must be non-decreasing; events must lie on the sensor.
 */
public final class PointCloud {

  public static final String NAME = "point_cloud";

  private PointCloud() {}

  public static Tensor apply(Events events, SensorSize sensor, long window, long stride, long minEvents,
      long nPoints, boolean polarity, long seed, long nGroups, long k) {
    Require.positive(NAME, "window", window);
    Require.positive(NAME, "stride", stride);
    if (stride > window) {
      throw InvalidParameterException.of(NAME, "stride", "<= window (" + window + ")", stride);
    }
    Require.positive(NAME, "min_events", minEvents);
    Require.positive(NAME, "n_points", nPoints);
    if (nPoints > 1 << 20) {
      throw InvalidParameterException.of(NAME, "n_points", "<= " + (1 << 20), nPoints);
    }
    PointGrouping.check(NAME, nPoints, nGroups, k);
    Require.sensor(NAME, sensor);
    int channels = polarity ? 4 : 3;
    int n = events.size();
    checkInput(events, sensor);
    SliceRanges windows = Slicer.byTime(NAME, events.t(), window, window - stride, true);
    int[] starts = new int[windows.count()];
    int[] stops = new int[windows.count()];
    int kept = 0;
    for (int i = 0; i < windows.count(); i++) {
      int a = windows.clampedStart(i);
      int b = windows.clampedStop(i);
      if (n > 0 && b - a >= minEvents) {
        starts[kept] = a;
        stops[kept++] = b;
      }
    }
    int points = (int) nPoints;
    int per = points * channels;
    float[] out = new float[Tensor.checkedSize(NAME, Float.BYTES, kept, points, channels)];
    SplittableRandom rng = new SplittableRandom(seed);
    int[] idx = new int[points];
    for (int w = 0; w < kept; w++) {
      sample(rng, starts[w], stops[w], idx);
      fill(events, sensor, starts[w], stops[w], idx, channels, out, w * per);
    }
    Tensor cloud = Tensor.ofFloat32(new long[] {kept, points, channels}, out);
    return nGroups == 0 ? cloud : PointGrouping.group(cloud, (int) nGroups, (int) k);
  }

  /** One pass for both checks: a second pass over the events took about a third of this kernel's time. */
  private static void checkInput(Events events, SensorSize sensor) {
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    int w = sensor.width();
    int h = sensor.height();
    for (int i = 0; i < ts.length; i++) {
      int x = xs[i];
      int y = ys[i];
      if ((x | y | (w - 1 - x) | (h - 1 - y)) < 0) {
        throw Require.outsideSensor(NAME, i, x, y, sensor);
      }
      if (i > 0 && ts[i] < ts[i - 1]) {
        throw Require.stepBack(NAME, i, ts[i], ts[i - 1]);
      }
    }
  }

  /**
   * Fills {@code idx} with {@code idx.length} ascending event indices from {@code [from, to)}: distinct (Floyd's
   * algorithm on a bit set) when the window holds at least that many events, else drawn with replacement.
   */
  static void sample(SplittableRandom rng, int from, int to, int[] idx) {
    int m = to - from;
    int k = idx.length;
    if (m >= k) {
      long[] bits = new long[(m + 63) >>> 6];
      for (int j = m - k; j < m; j++) {
        int r = rng.nextInt(j + 1);
        int pick = (bits[r >>> 6] & (1L << r)) != 0 ? j : r;
        bits[pick >>> 6] |= 1L << pick;
      }
      int o = 0;
      for (int word = 0; word < bits.length; word++) {
        long b = bits[word];
        while (b != 0) {
          idx[o++] = from + (word << 6) + Long.numberOfTrailingZeros(b);
          b &= b - 1;
        }
      }
    } else {
      int[] count = new int[m];
      for (int j = 0; j < k; j++) {
        count[rng.nextInt(m)]++;
      }
      int o = 0;
      for (int i = 0; i < m; i++) {
        for (int c = count[i]; c > 0; c--) {
          idx[o++] = from + i;
        }
      }
    }
  }

  private static void fill(Events events, SensorSize sensor, int from, int to, int[] idx, int channels, float[] out,
      int at) {
    short[] xs = events.x();
    short[] ys = events.y();
    long[] ts = events.t();
    boolean[] ps = events.p();
    double w = sensor.width();
    double h = sensor.height();
    long tMin = ts[from];
    double span = (double) (ts[to - 1] - tMin);
    int o = at;
    for (int i : idx) {
      out[o] = (float) (xs[i] / w);
      out[o + 1] = (float) (ys[i] / h);
      out[o + 2] = span == 0 ? 0f : (float) ((ts[i] - tMin) / span);
      if (channels == 4) {
        out[o + 3] = ps[i] ? 1f : 0f;
      }
      o += channels;
    }
  }
}
