package org.evshard.transforms.points;

import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.TransformException;

/**
 * Grouping for point networks (PointNet++ set abstraction, as SpikePoint uses it): per cloud, farthest point sampling
 * of {@code G} centroids, then the {@code K} nearest neighbours of each centroid.
 *
 * <p>Distances are Euclidean over the first three channels {@code (x, y, t)} only (polarity is a feature, not a
 * coordinate), computed in float64 from the float32 points, whose coordinates must be finite. FPS starts
 * deterministically at point 0 (the earliest sampled event, as the PointNet++ CUDA kernel does); each next centroid is
 * the point farthest from the chosen ones, the lowest index on ties. The K neighbours of a centroid include the
 * centroid itself (distance 0) and come in increasing distance, the lower index first on ties.
 *
 * <p>Output float32 {@code (N, G, K, C + 3)}: per neighbour the input channels relative to the centroid for the
 * coordinates, {@code x - cx, y - cy, t - ct}, then the neighbour's own polarity when the input has it ({@code C = 4}),
 * then the centroid appended, {@code cx, cy, ct}. So {@code C = 3}: {@code [dx, dy, dt, cx, cy, ct]};
 * {@code C = 4}: {@code [dx, dy, dt, p, cx, cy, ct]}.
 */
public final class PointGrouping {

  private PointGrouping() {}

  static void check(String transform, long nPoints, long nGroups, long k) {
    if (nGroups < 0 || nGroups > nPoints) {
      throw InvalidParameterException.of(transform, "n_groups", "in 0..n_points (" + nPoints + ")", nGroups);
    }
    if (k < 0 || k > nPoints) {
      throw InvalidParameterException.of(transform, "k", "in 0..n_points (" + nPoints + ")", k);
    }
    if ((nGroups == 0) != (k == 0)) {
      throw new InvalidParameterException(transform + ": give n_groups and k together (both > 0) or neither, got "
          + "n_groups=" + nGroups + " k=" + k);
    }
  }

  /** Groups a float32 {@code (N, P, C)} cloud with {@code C} 3 or 4 into {@code (N, G, K, C + 3)}. */
  public static Tensor group(Tensor cloud, int nGroups, int k) {
    int n = (int) cloud.dim(0);
    int p = (int) cloud.dim(1);
    int c = (int) cloud.dim(2);
    check("point grouping", p, nGroups, k);
    if (nGroups == 0 || c < 3) {
      throw new InvalidParameterException("point grouping: needs n_groups, k > 0 and at least 3 channels, got "
          + "n_groups=" + nGroups + " k=" + k + " channels=" + c);
    }
    int co = c + 3;
    float[] in = cloud.floats();
    float[] out = new float[Tensor.checkedSize("point grouping", Float.BYTES, n, nGroups, k, co)];
    Workspace ws = new Workspace(p, nGroups, k);
    for (int w = 0; w < n; w++) {
      int base = w * p * c;
      ws.load(in, base, c);
      for (int g = 0; g < nGroups; g++) {
        ws.nextCentroid(g);
        int ci = base + ws.centroids[g] * c;
        int o = ((w * nGroups + g) * k) * co;
        for (int j = 0; j < k; j++) {
          int pi = base + ws.nn[j] * c;
          out[o] = in[pi] - in[ci];
          out[o + 1] = in[pi + 1] - in[ci + 1];
          out[o + 2] = in[pi + 2] - in[ci + 2];
          for (int extra = 3; extra < c; extra++) {
            out[o + extra] = in[pi + extra];
          }
          out[o + c] = in[ci];
          out[o + c + 1] = in[ci + 1];
          out[o + c + 2] = in[ci + 2];
          o += co;
        }
      }
    }
    return Tensor.ofFloat32(new long[] {n, nGroups, k, co}, out);
  }

  /** Indices of {@code out.length} farthest points of one cloud, starting at point 0. */
  static void farthestPoints(float[] pts, int base, int p, int c, int[] out) {
    Workspace ws = new Workspace(p, out.length, 1);
    ws.load(pts, base, c);
    for (int g = 0; g < out.length; g++) {
      ws.nextCentroid(g);
    }
    System.arraycopy(ws.centroids, 0, out, 0, out.length);
  }

  /**
   * One cloud's coordinates as float64 columns and the state of farthest point sampling. Choosing centroid {@code g}
   * computes points' squared distances to it once: that row serves both the running minimum distance of FPS and the
   * centroid's {@code k} nearest neighbours. The distance loop has no branches, so the JIT vectorises it.
   *
   * <p>When the t coordinate is non-decreasing (a point cloud keeps its points in time order) only a band of points
   * around the centroid in time is looked at, found by binary search. That is exact because a distance, computed as
   * {@code (dx*dx + dy*dy) + dt*dt} in float64 from non-negative terms, is never below its {@code dt*dt} term: FPS's
   * minimum of a point can only fall when {@code dt*dt} is below the current largest minimum (the new centroid's
   * own), and a neighbour within a bound has its {@code dt*dt} within it too.
   */
  private static final class Workspace {
    /** Points per block of the FPS maxima. */
    private static final int BLOCK = 32;
    final double[] xs;
    final double[] ys;
    final double[] ts;
    final double[] toCentroid;
    final double[] nearestChosen;
    /** The largest {@link #nearestChosen} of each block of {@link #BLOCK} points. */
    final double[] blockMax;
    final int[] centroids;
    final int[] nn;
    final double[] nd;
    final int[] candidates;
    final int[] bucketHead;
    final int[] bucketNext;
    double lastKth;
    int next;
    boolean timeOrdered;
    int filled;
    double worst;
    /** The range of {@link #toCentroid} computed for the current centroid. */
    int distLo;
    int distHi;
    /** The bound whose time band {@link #distLo}..{@link #distHi} first was. */
    double bandBound;

    Workspace(int p, int groups, int k) {
      xs = new double[p];
      ys = new double[p];
      ts = new double[p];
      toCentroid = new double[p];
      nearestChosen = new double[p];
      blockMax = new double[(p + BLOCK - 1) / BLOCK];
      centroids = new int[groups];
      nn = new int[k];
      nd = new double[k];
      candidates = new int[p];
      bucketHead = new int[Math.max(16, 2 * k)];
      bucketNext = new int[p];
    }

    void load(float[] pts, int base, int c) {
      for (int i = 0, pi = base; i < xs.length; i++, pi += c) {
        xs[i] = pts[pi];
        ys[i] = pts[pi + 1];
        ts[i] = pts[pi + 2];
        if (!Float.isFinite(pts[pi]) || !Float.isFinite(pts[pi + 1]) || !Float.isFinite(pts[pi + 2])) {
          throw new TransformException("point grouping: point " + i + " has a coordinate that is not finite: ("
              + pts[pi] + ", " + pts[pi + 1] + ", " + pts[pi + 2] + ")");
        }
      }
      java.util.Arrays.fill(nearestChosen, Double.POSITIVE_INFINITY);
      timeOrdered = true;
      for (int i = 1; i < ts.length; i++) {
        timeOrdered &= ts[i - 1] <= ts[i];
      }
      next = 0;
      lastKth = Double.POSITIVE_INFINITY;
    }

    /** Makes the current farthest point centroid {@code g}, fills {@link #nn}, and finds the next farthest point. */
    void nextCentroid(int g) {
      int cur = next;
      centroids[g] = cur;
      // no point's minimum exceeds the new centroid's (it is the farthest), so farther points in time keep theirs
      double reach = nearestChosen[cur];
      // the neighbours' bound: 1.5 times the last centroid's k-th distance (FPS spreads the centroids, and a cloud's
      // density changes slowly); the first centroid has none
      double tau = lastKth * 1.5;
      int lo = 0;
      int hi = xs.length;
      double band = Math.max(reach, tau);
      if (timeOrdered && band < Double.POSITIVE_INFINITY) {
        lo = firstWithin(cur, band);
        hi = endWithin(cur, band);
      }
      bandBound = band;
      distLo = lo;
      distHi = hi;
      double cx = xs[cur];
      double cy = ys[cur];
      double ct = ts[cur];
      double[] near = nearestChosen;
      double[] dist = toCentroid;
      // branch-free, so the JIT vectorises it: the squared distances and FPS's running minimum (distances are
      // finite and never -0.0, so Math.min equals "if (d < m) m = d")
      for (int i = lo; i < hi; i++) {
        double dx = xs[i] - cx;
        double dy = ys[i] - cy;
        double dt = ts[i] - ct;
        double d = dx * dx + dy * dy + dt * dt;
        dist[i] = d;
        near[i] = Math.min(near[i], d);
      }
      for (int b = lo / BLOCK, end = (hi + BLOCK - 1) / BLOCK; b < end; b++) {
        blockMax[b] = largest(near, b * BLOCK, Math.min(near.length, b * BLOCK + BLOCK));
      }
      nearest(cur, tau);
      next = farthest();
    }

    /**
     * The largest of {@code a[from .. to)} (non-negative), -1 when empty. Four running maxima, so that each waits on
     * its own comparison only every fourth element.
     */
    private static double largest(double[] a, int from, int to) {
      double m0 = -1;
      double m1 = -1;
      double m2 = -1;
      double m3 = -1;
      int i = from;
      for (; i + 4 <= to; i += 4) {
        m0 = Math.max(m0, a[i]);
        m1 = Math.max(m1, a[i + 1]);
        m2 = Math.max(m2, a[i + 2]);
        m3 = Math.max(m3, a[i + 3]);
      }
      for (; i < to; i++) {
        m0 = Math.max(m0, a[i]);
      }
      return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }

    /** The point with the largest FPS minimum, the lowest index on ties: the first block holding it, then the point. */
    private int farthest() {
      double max = -1;
      int block = 0;
      for (int b = 0; b < blockMax.length; b++) {
        if (blockMax[b] > max) {
          max = blockMax[b];
          block = b;
        }
      }
      double[] near = nearestChosen;
      for (int i = block * BLOCK, to = Math.min(near.length, i + BLOCK); i < to; i++) {
        if (near[i] == max) {
          return i;
        }
      }
      return 0; // not reached: the block holds its largest value
    }

    /** Makes {@link #toCentroid} hold the distances of points {@code [lo, hi)} to centroid {@code c} too. */
    private void distancesOver(int c, int lo, int hi) {
      double cx = xs[c];
      double cy = ys[c];
      double ct = ts[c];
      double[] dist = toCentroid;
      for (int i = lo; i < distLo; i++) {
        double dx = xs[i] - cx;
        double dy = ys[i] - cy;
        double dt = ts[i] - ct;
        dist[i] = dx * dx + dy * dy + dt * dt;
      }
      for (int i = distHi; i < hi; i++) {
        double dx = xs[i] - cx;
        double dy = ys[i] - cy;
        double dt = ts[i] - ct;
        dist[i] = dx * dx + dy * dy + dt * dt;
      }
      distLo = Math.min(distLo, lo);
      distHi = Math.max(distHi, hi);
    }

    /**
     * The k nearest of centroid {@code c}: the points within the bound {@code tau} of the squared distance are
     * gathered without branches, then the k nearest of those are kept by {@link #offer}. When fewer than k points lie
     * within it, the bound is raised fourfold, then dropped; so the result is exact: whenever at least k points lie
     * within {@code tau}, the k nearest all do.
     */
    private void nearest(int c, double tau) {
      int k = nn.length;
      for (int attempt = 0; ; attempt++) {
        int m = 0;
        int[] cand = candidates;
        double bound = tau;
        if (attempt == 2 || !(tau > 0) || tau == Double.POSITIVE_INFINITY) {
          distancesOver(c, 0, cand.length);
          for (int i = 0; i < cand.length; i++) {
            cand[i] = i;
          }
          m = cand.length;
          bound = largest(toCentroid, 0, m);
        } else {
          // the band of the distance row is this bound's when the bound is the larger of the two
          boolean same = !timeOrdered || tau == bandBound;
          int lo = same ? distLo : firstWithin(c, tau);
          int hi = same ? distHi : endWithin(c, tau);
          distancesOver(c, lo, hi);
          double[] dist = toCentroid;
          for (int i = lo; i < hi; i++) {
            cand[m] = i;
            // + 1 when dist <= tau: the sign bit of tau - dist (both finite, non-negative), without a branch
            m += 1 - (int) (Double.doubleToRawLongBits(tau - dist[i]) >>> 63);
          }
        }
        if (m >= k) {
          keepNearest(m, bound);
          lastKth = nd[k - 1];
          return;
        }
        tau *= 4;
      }
    }

    /** The lowest index {@code i <= c} whose squared time distance to point {@code c} is within {@code bound}. */
    private int firstWithin(int c, double bound) {
      double ct = ts[c];
      int lo = 0;
      int hi = c; // point c itself is within
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        double dt = ts[mid] - ct;
        if (dt * dt <= bound) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo;
    }

    /** One past the highest index {@code i >= c} whose squared time distance to point {@code c} is within bound. */
    private int endWithin(int c, double bound) {
      double ct = ts[c];
      int lo = c + 1;
      int hi = ts.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        double dt = ts[mid] - ct;
        if (dt * dt <= bound) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    /**
     * The k nearest of the {@code m >= k} candidates, sorted, into {@link #nn} and {@link #nd}. Offered in index
     * order, most candidates would be inserted part-way into the list; so they are first spread into buckets by
     * distance ({@code floor(d * B / bound)} never orders two distances the wrong way; {@code bound} is at least the
     * largest of them) and offered bucket by bucket, nearest first, until a bucket ends with the list full: each
     * insertion then moves only past candidates of its own bucket.
     */
    private void keepNearest(int m, double bound) {
      int[] cand = candidates;
      double[] dist = toCentroid;
      int[] head = bucketHead;
      int[] link = bucketNext;
      int buckets = head.length;
      double scale = bound > 0 ? buckets / bound : 0;
      java.util.Arrays.fill(head, -1);
      for (int q = m - 1; q >= 0; q--) { // pushed to the front: each bucket lists its candidates in index order
        int b = Math.min(buckets - 1, (int) (dist[cand[q]] * scale));
        link[q] = head[b];
        head[b] = q;
      }
      filled = 0;
      worst = Double.POSITIVE_INFINITY;
      for (int b = 0; b < buckets && filled < nn.length; b++) {
        for (int q = head[b]; q >= 0; q = link[q]) {
          offer(cand[q]);
        }
      }
    }

    /**
     * Inserts point {@code i} into the sorted list of the k nearest if it belongs there: ordered by distance, then by
     * index, so the result does not depend on the order points are offered in.
     */
    private void offer(int i) {
      double d = toCentroid[i];
      int k = nn.length;
      if (filled == k && (d > worst || (d == worst && i > nn[k - 1]))) {
        return;
      }
      int j = filled == k ? k - 1 : filled++;
      while (j > 0 && (nd[j - 1] > d || (nd[j - 1] == d && nn[j - 1] > i))) {
        nd[j] = nd[j - 1];
        nn[j] = nn[j - 1];
        j--;
      }
      nd[j] = d;
      nn[j] = i;
      if (filled == k) {
        worst = nd[k - 1];
      }
    }
  }
}
