package org.evshard.transforms.points;

import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Tensor;

/**
 * Grouping for point networks (PointNet++ set abstraction, as SpikePoint uses it): per cloud, farthest point sampling
 * of {@code G} centroids, then the {@code K} nearest neighbours of each centroid.
 *
 * <p>Distances are Euclidean over the first three channels {@code (x, y, t)} only (polarity is a feature, not a
 * coordinate), computed in float64 from the float32 points. FPS starts deterministically at point 0 (the earliest
 * sampled event, as the PointNet++ CUDA kernel does); each next centroid is the point farthest from the chosen ones,
 * the lowest index on ties. The K neighbours of a centroid include the centroid itself (distance 0) and come in
 * increasing distance, the lower index first on ties.
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
    float[] out = new float[Tensor.checkedSize("point grouping", n, nGroups, k, co)];
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
   * computes every point's squared distance to it once: that row serves both the running minimum distance of FPS and
   * the centroid's {@code k} nearest neighbours. The distance loops have no branches, so the JIT vectorises them.
   */
  private static final class Workspace {
    final double[] xs;
    final double[] ys;
    final double[] ts;
    final double[] toCentroid;
    final double[] nearestChosen;
    final int[] centroids;
    final int[] nn;
    final double[] nd;
    int next;
    boolean timeOrdered;
    int filled;
    double worst;

    Workspace(int p, int groups, int k) {
      xs = new double[p];
      ys = new double[p];
      ts = new double[p];
      toCentroid = new double[p];
      nearestChosen = new double[p];
      centroids = new int[groups];
      nn = new int[k];
      nd = new double[k];
    }

    void load(float[] pts, int base, int c) {
      for (int i = 0, pi = base; i < xs.length; i++, pi += c) {
        xs[i] = pts[pi];
        ys[i] = pts[pi + 1];
        ts[i] = pts[pi + 2];
      }
      java.util.Arrays.fill(nearestChosen, Double.POSITIVE_INFINITY);
      timeOrdered = true;
      for (int i = 1; i < ts.length; i++) {
        timeOrdered &= ts[i - 1] <= ts[i];
      }
      next = 0;
    }

    /** Makes the current farthest point centroid {@code g}, fills {@link #nn}, and finds the next farthest point. */
    void nextCentroid(int g) {
      int cur = next;
      centroids[g] = cur;
      double cx = xs[cur];
      double cy = ys[cur];
      double ct = ts[cur];
      int p = xs.length;
      double[] near = nearestChosen;
      double[] dist = toCentroid;
      // branch-free, so the JIT vectorises it: the squared distances and FPS's running minimum (distances are
      // finite and never -0.0, so Math.min equals "if (d < m) m = d")
      for (int i = 0; i < p; i++) {
        double dx = xs[i] - cx;
        double dy = ys[i] - cy;
        double dt = ts[i] - ct;
        double d = dx * dx + dy * dy + dt * dt;
        dist[i] = d;
        near[i] = Math.min(near[i], d);
      }
      // the farthest point from the chosen ones, the lowest index on ties
      int best = 0;
      double bestD = -1;
      for (int i = 0; i < p; i++) {
        if (near[i] > bestD) {
          bestD = near[i];
          best = i;
        }
      }
      if (timeOrdered) {
        nearestByTime(cur);
      } else {
        nearestByScan();
      }
      next = best;
    }

    /**
     * The k nearest of centroid {@code c} when the t coordinate is non-decreasing (a point cloud keeps its points in
     * time order): points are visited outward from {@code c} on both sides, and a side ends once its squared time
     * distance alone exceeds the current k-th distance. That is exact: a distance, computed as
     * {@code (dx*dx + dy*dy) + dt*dt} in float64 from non-negative terms, is never below its {@code dt*dt} term, so
     * no point farther out on that side can enter. Visiting nearest-in-time first also tightens the bound early.
     */
    private void nearestByTime(int c) {
      int p = xs.length;
      double ct = ts[c];
      filled = 0;
      worst = Double.POSITIVE_INFINITY;
      int hi = c;
      int lo = c - 1;
      boolean up = true;
      boolean down = lo >= 0;
      while (up || down) {
        if (up) {
          double dt = ts[hi] - ct;
          if (filled == nn.length && dt * dt > worst) {
            up = false;
          } else {
            offer(hi);
            up = ++hi < p;
          }
        }
        if (down) {
          double dt = ts[lo] - ct;
          if (filled == nn.length && dt * dt > worst) {
            down = false;
          } else {
            offer(lo);
            down = --lo >= 0;
          }
        }
      }
    }

    /** The k nearest of the current centroid by one pass over its distance row, for clouds not in time order. */
    private void nearestByScan() {
      filled = 0;
      worst = Double.POSITIVE_INFINITY;
      for (int i = 0; i < toCentroid.length; i++) {
        offer(i);
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
