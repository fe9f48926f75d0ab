package org.evshard.transforms.represent;

import org.evshard.io.events.Events;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.LongToDouble;
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
 * Tonic's integer polarity, which this matches), on a one-channel sensor ({@code P = 1}) too: after
 * {@code merge_polarities} (every event OFF) every event counts -1, as Tonic's {@code Compose([MergePolarities(),
 * ToVoxelGrid(...)])} gives (it counted +1 here, so the chain and the same merged events read back gave opposite
 * signs). (2) A zero-length recording (one event, or all timestamps equal) gives NaN in Tonic; evshard puts
 * every event at {@code ts = 0}, i.e. with weight 1 into bin 0. (3) An empty recording gives all zeros. Sums are
 * formed in another order than Tonic's ({@code np.add.at}, all left contributions before all right ones): event by
 * event in index order, or, for a bin of a sorted recording with at least one event per pixel, from exact integer
 * sums per pixel ({@link #packBin}); either way they differ from Tonic's by rounding only (well within 1e-9).
 * (4) Events must be in time order, as Tonic assumes (it normalises by the first and last event, so on unsorted
 * events its result depends on which happen to come first and last): a step back is an error naming the event,
 * found as the events are summed (no separate pass over the timestamps).
 */
public final class VoxelGrid {

  public static final String NAME = "voxel_grid";

  /** Bits of the polarity sum in {@link #packBin}'s packed pixel value. */
  private static final int PACKED_SHIFT = 20;
  /** Largest bin (in events) whose polarity sum fits the packed value's low bits. */
  private static final int PACKED_COUNT_LIMIT = 1 << (PACKED_SHIFT - 1);
  /** Bound on {@code count * (t_last - t0)}, so that the packed time sum fits above the polarity sum. */
  private static final long PACKED_TIME_LIMIT = 1L << (63 - PACKED_SHIFT);

  /** How timestamps are normalised onto the bins. */
  public enum Scaling { TONIC, E2VID }

  private VoxelGrid() {}

  public static Tensor apply(Events events, SensorSize sensor, long nTimeBins, Scaling scaling) {
    Require.sensor(NAME, sensor);
    Require.positive(NAME, "n_time_bins", nTimeBins);
    int w = sensor.width();
    int h = sensor.height();
    int bins = (int) Math.min(nTimeBins, Integer.MAX_VALUE);
    double[] grid = new double[Tensor.checkedSize(NAME, Double.BYTES, nTimeBins, 1, h, w)];
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
    double span = (double) Require.span(NAME, ts[0], ts[n - 1]); // numpy: int64 difference, then float64
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
    int off = -1; // OFF counts -1 on every sensor, merged (P = 1) too, as Tonic's p[p == 0] = -1
    if (n > 1 && ts[n - 1] < ts[0]) {
      Require.timeOrdered(NAME, ts, n); // a step back somewhere: found and reported before the span is used
    }
    if (!zeroLength && exactDifferences(ts[0], ts[n - 1])) {
      int back = byBin(xs, ys, ts, ps, sensor, bins, t0, scale, span, off, grid);
      if (back >= 0) {
        throw Require.stepBack(NAME, back, ts[back], ts[back - 1]);
      }
      return;
    }
    // a zero-length recording, or timestamps past 2^53: event by event
    for (int i = 0; i < n; i++) {
      int x = (char) xs[i]; // unsigned: a negative coordinate fails the same test as one past the edge
      int y = (char) ys[i];
      if (x >= w | y >= h) {
        throw Require.outsideSensor(NAME, i, xs[i], ys[i], sensor);
      }
      if (i > 0 && ts[i] < ts[i - 1]) {
        throw Require.stepBack(NAME, i, ts[i], ts[i - 1]);
      }
      double t = zeroLength ? 0.0 : scale * ((double) ts[i] - t0) / span;
      int ti = (int) t;
      double dt = t - ti;
      double pol = ps[i] ? 1 : off; // an int select compiles to a conditional move; a double one to a branch
      int at = y * w + x + ti * plane;
      if (ti < bins - 1) { // both bins inside: every event before the last bin
        grid[at] += pol * (1.0 - dt);
        grid[at + plane] += pol * dt;
      } else if (ti < bins) { // the last bin has no right neighbour
        grid[at] += pol * (1.0 - dt);
      } // ts = bins (the last event in Tonic's scaling) adds nothing
    }
  }

  /**
   * Whether {@code (double) t - (double) t0} equals {@code (double) (t - t0)} for every {@code t} of a sorted
   * recording from {@code t0} to {@code tLast}: with both ends exact doubles (|t| <= 2^53) each side is the exact
   * difference (at most 2^54, no long overflow) rounded once to double.
   */
  private static boolean exactDifferences(long t0, long tLast) {
    long exact = 1L << 53;
    return t0 >= -exact && tLast <= exact;
  }

  /**
   * The general loop's grid for non-decreasing timestamps: {@code ti = (int) ts} is then non-decreasing in the index,
   * so the events of bin {@code b} form one run, found by binary search with the same float64 expression (each step
   * of {@code scale * (t - t0) / span} is monotone). Inside a run {@code ti} is the constant {@code b}: no per-event
   * bin checks. A run with at least one event per pixel (and within the packed limits) is summed in integers
   * ({@link #packBin}, {@link #flushBin}: one read-modify-write of a long per event instead of two of doubles, then
   * one pass over the pixels); a sparser one event by event ({@link #sumBin}), where the pass over the pixels would
   * cost more than it saves. Events are visited in index order, so the first out-of-sensor event reported is that of
   * the general loop. The order is checked as the events are visited (every adjacent pair once, no separate pass over
   * the timestamps).
   *
   * @return the index of the first step back in time ({@code t[i] < t[i - 1]}), else -1
   */
  private static int byBin(short[] xs, short[] ys, long[] ts, boolean[] ps, SensorSize sensor, int bins, double t0,
      double scale, double span, int off, double[] grid) {
    int plane = sensor.width() * sensor.height();
    int n = ts.length;
    long first = ts[0];
    long longSpan = ts[n - 1] - first; // exact: both ends within 2^53 (exactDifferences)
    long[] packed = null;
    // polarity factor by table: an int select converted to double would be another cvtsi2sd (see LongToDouble), a
    // double select a branch that random polarities mispredict
    double[] polarity = {off, 1.0};
    int lo = 0;
    for (int b = 0; b < bins && lo < n; b++) {
      int hi = firstAtLeast(ts, lo, n, t0, scale, span, b + 1);
      long previous = lo == 0 ? first : ts[lo - 1];
      int count = hi - lo;
      boolean last = b == bins - 1; // the last bin has no right neighbour
      if (count >= plane && count < PACKED_COUNT_LIMIT && longSpan <= PACKED_TIME_LIMIT / count) {
        packed = packed == null ? new long[plane] : packed;
        int back = packBin(xs, ys, ts, ps, sensor, lo, hi, previous, off, packed);
        if (back >= 0) {
          return back;
        }
        flushBin(packed, grid, b * plane, last, scale / span, b);
      } else {
        int back = sumBin(xs, ys, ts, ps, sensor, lo, hi, previous, polarity, b, last, scale, span, grid);
        if (back >= 0) {
          return back;
        }
      }
      lo = hi;
    }
    long previous = lo == 0 ? first : ts[lo - 1];
    for (int i = lo; i < n; i++) { // ts >= bins (the last events in Tonic's scaling): no contribution, still checked
      if (ts[i] < previous) {
        return i;
      }
      previous = ts[i];
      if ((char) xs[i] >= sensor.width() | (char) ys[i] >= sensor.height()) {
        throw Require.outsideSensor(NAME, i, xs[i], ys[i], sensor);
      }
    }
    return -1;
  }

  /**
   * One bin's events {@code [lo, hi)} summed event by event into its plane and the next one (float64, as Tonic).
   * The time difference is converted with {@link LongToDouble} (same value, no dependency of one event's conversion on
   * the previous event's division). The index of the first step back in time, else -1.
   */
  private static int sumBin(short[] xs, short[] ys, long[] ts, boolean[] ps, SensorSize sensor, int lo, int hi,
      long previous, double[] polarity, int b, boolean last, double scale, double span, double[] grid) {
    int w = sensor.width();
    int h = sensor.height();
    int plane = w * h;
    int base = b * plane;
    int right = last ? 0 : plane;
    long first = ts[0];
    double bin = b;
    for (int i = lo; i < hi; i++) {
      long t = ts[i];
      if (t < previous) {
        return i;
      }
      previous = t;
      int x = (char) xs[i]; // unsigned: a negative coordinate fails the same test as one past the edge
      int y = (char) ys[i];
      if (x >= w | y >= h) {
        throw Require.outsideSensor(NAME, i, xs[i], ys[i], sensor);
      }
      double dt = scale * LongToDouble.convert(t - first) / span - bin; // = scale * (ts[i] - t0) / span - b
      double pol = polarity[ps[i] ? 1 : 0];
      int at = base + y * w + x;
      // both loads before both stores: the planes lie a multiple of 4 KB apart, and a load just after a store to
      // the same address modulo 4 KB waits for that store (4K aliasing)
      double left = grid[at];
      double next = grid[at + right]; // right == 0 in the last bin: the same cell, not written below
      grid[at] = left + pol * (1.0 - dt);
      if (right != 0) {
        grid[at + right] = next + pol * dt;
      }
    }
    return -1;
  }

  /**
   * One bin's events {@code [lo, hi)} counted per pixel in integers: with {@code s} the polarity (+1, or -1 /
   * {@code off}) and {@code r = t - t0}, a pixel's left weight {@code sum s (1 - dt)} and right weight
   * {@code sum s dt} follow from {@code S = sum s} and {@code R = sum s r} alone, because
   * {@code dt = scale r / span - b} ({@link #flushBin}). Both sums go into one {@code long} per pixel,
   * {@code R * 2^20 + S}: one integer read-modify-write per event instead of two float64 ones, on a table an eighth
   * of the size of two planes. Exact while {@code |S| < 2^19} and {@code |R| < 2^43}, which the caller ensures by
   * the bin's event count and the recording's length. The index of the first step back in time (the table is then
   * garbage), else -1.
   */
  private static int packBin(short[] xs, short[] ys, long[] ts, boolean[] ps, SensorSize sensor, int lo, int hi,
      long previous, int off, long[] packed) {
    int w = sensor.width();
    int h = sensor.height();
    // (r << 20) + 1 for r = t - t0, as (t << 20) - bias in wrapping arithmetic (the sums are exact modulo 2^64,
    // and the caller's limits keep the true sums inside a long)
    long bias = (ts[0] << PACKED_SHIFT) - 1;
    long offMask = off == 1 ? 0L : -1L; // the sign mask of an OFF event: all ones when it counts -1
    for (int i = lo; i < hi; i++) {
      long t = ts[i];
      if (t < previous) {
        return i;
      }
      previous = t;
      int x = (char) xs[i]; // unsigned: a negative coordinate fails the same test as one past the edge
      int y = (char) ys[i];
      if (x >= w | y >= h) {
        throw Require.outsideSensor(NAME, i, xs[i], ys[i], sensor);
      }
      long m = ps[i] ? 0L : offMask; // 0 for +1, -1 for -1
      packed[y * w + x] += (((t << PACKED_SHIFT) - bias) ^ m) - m; // s * ((r << 20) + 1) = (s r << 20) + s
    }
    return -1;
  }

  /**
   * Turns bin {@code b}'s packed sums into weights and clears the table: the right weight
   * {@code D = sum s dt = k R - b S} ({@code k = scale / span}) goes into the next plane, which no earlier bin
   * writes, and {@code S - D} is added to the bin's own plane (which holds the previous bin's right weights). Sums in
   * this order differ from Tonic's event-by-event float64 sums by rounding only (relative about 1e-16 of the pixel's
   * {@code |k R|}), far inside the 1e-9 of the golden tests.
   */
  private static void flushBin(long[] packed, double[] grid, int base, boolean last, double k, int b) {
    int plane = packed.length;
    double bin = b;
    for (int c = 0; c < plane; c++) {
      long v = packed[c]; // 0 for a pixel without events: adds 0 below, no branch that random pixels mispredict
      packed[c] = 0;
      long s = (v << (64 - PACKED_SHIFT)) >> (64 - PACKED_SHIFT); // the low 20 bits, sign-extended
      long r = (v - s) >> PACKED_SHIFT;
      double right = LongToDouble.convertSigned(r) * k - bin * s;
      grid[base + c] += s - right;
      if (!last) {
        grid[base + plane + c] = right;
      }
    }
  }

  /** The first index in {@code [lo, hi)} whose {@code (int) (scale * (t - t0) / span)} is at least {@code b}. */
  private static int firstAtLeast(long[] ts, int lo, int hi, double t0, double scale, double span, int b) {
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if ((int) (scale * ((double) ts[mid] - t0) / span) < b) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
