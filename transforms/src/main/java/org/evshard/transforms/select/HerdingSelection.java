package org.evshard.transforms.select;

/**
 * {@code herding}: greedy mean matching, the exemplar rule of iCaRL (Rebuffi et al. 2017) built on Welling's herding
 * (2009). With {@code mu} the mean of all {@code n} rows and {@code S_{t-1}} the sum of the rows chosen so far, step
 * {@code t = 1..k} chooses
 *
 * <pre>  x_t = argmin over unselected x of || mu - (S_{t-1} + x) / t ||_2 </pre>
 *
 * so the running mean of the selection tracks the group mean as closely as one more sample allows. Ties (equal
 * distance as computed) go to the lower row index. Score at rank {@code t-1}: that distance
 * {@code || mu - S_t / t ||}. Sums and the distance are computed in double from the float features, the distance
 * directly as {@code sum_j (mu_j - S_j / t - x_j / t)^2}, not by expanding the square.
 *
 * <p>Cost: {@code O(k n d)} time, {@code O(n + d)} memory beyond the features. Deterministic, no seed.
 */
public final class HerdingSelection {

  static final String NAME = "herding";

  private HerdingSelection() {}

  public static Selection select(FeatureMatrix f, int k) {
    int n = f.rows();
    int d = f.dim();
    Budget.check(NAME, k, n);
    float[] a = f.array();
    double[] mu = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mu[j] += a[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mu[j] /= n;
    }
    double[] sum = new double[d];
    double[] r = new double[d];
    boolean[] taken = new boolean[n];
    int[] idx = new int[k];
    double[] score = new double[k];
    for (int t = 1; t <= k; t++) {
      double invT = 1.0 / t;
      for (int j = 0; j < d; j++) {
        r[j] = mu[j] - sum[j] * invT;
      }
      int best = -1;
      double bestDist = Double.POSITIVE_INFINITY;
      for (int x = 0; x < n; x++) {
        if (taken[x]) {
          continue;
        }
        double dist = residual(r, a, x * d, d, invT);
        if (dist < bestDist) {
          bestDist = dist;
          best = x;
        }
      }
      taken[best] = true;
      for (int j = 0; j < d; j++) {
        sum[j] += a[best * d + j];
      }
      idx[t - 1] = best;
      score[t - 1] = Math.sqrt(bestDist);
    }
    return new Selection(NAME, idx, score);
  }

  /** {@code sum_j (r_j - a[o + j] * s)^2} with four double accumulators. */
  private static double residual(double[] r, float[] a, int o, int d, double s) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int j = 0;
    for (int end = d - 3; j < end; j += 4) {
      double e0 = r[j] - a[o + j] * s;
      double e1 = r[j + 1] - a[o + j + 1] * s;
      double e2 = r[j + 2] - a[o + j + 2] * s;
      double e3 = r[j + 3] - a[o + j + 3] * s;
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
    }
    for (; j < d; j++) {
      double e = r[j] - a[o + j] * s;
      s0 += e * e;
    }
    return (s0 + s1) + (s2 + s3);
  }
}
