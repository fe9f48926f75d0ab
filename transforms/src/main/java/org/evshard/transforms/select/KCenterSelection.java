package org.evshard.transforms.select;

/**
 * {@code kcenter}: greedy k-center (Gonzalez 1985; the coreset rule of Sener and Savarese 2018) under Euclidean
 * distance, a 2-approximation of the minimum covering radius.
 *
 * <p>First centre: the row nearest the group mean (squared distance, ties to the lower index); its score is that
 * distance to the mean. Then each step chooses the row farthest from its nearest chosen centre
 * ({@code argmax_x min_{s in S} ||x - s||}, ties to the lower index), and its score is that distance, i.e. the covering
 * radius of the centres chosen before it. A running vector of each row's squared distance to its nearest centre is
 * updated with the new centre only, so memory is {@code O(n)} and time {@code O(k n d)}. Distances are float sums of
 * squared differences ({@link VectorMath#squaredDistance}). Deterministic, no seed.
 */
public final class KCenterSelection {

  static final String NAME = "kcenter";

  private KCenterSelection() {}

  public static Selection select(FeatureMatrix f, int k) {
    int n = f.rows();
    int d = f.dim();
    Budget.check(NAME, k, n);
    int[] idx = new int[k];
    double[] score = new double[k];
    if (k == 0) {
      return new Selection(NAME, idx, score);
    }
    float[] a = f.array();
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += a[i * d + j];
      }
    }
    float[] mu = new float[d];
    for (int j = 0; j < d; j++) {
      mu[j] = (float) (mean[j] / n);
    }
    int first = 0;
    float firstDist = Float.POSITIVE_INFINITY;
    for (int x = 0; x < n; x++) {
      float dist = VectorMath.squaredDistance(a, x * d, mu, 0, d);
      if (dist < firstDist) {
        firstDist = dist;
        first = x;
      }
    }
    float[] minDist = new float[n];
    java.util.Arrays.fill(minDist, Float.POSITIVE_INFINITY);
    boolean[] taken = new boolean[n];
    int c = first;
    taken[first] = true;
    idx[0] = first;
    score[0] = Math.sqrt(firstDist);
    for (int t = 1; t < k; t++) {
      int best = -1;
      float bestDist = -1;
      int co = c * d;
      for (int x = 0; x < n; x++) {
        float m = minDist[x];
        float dist = VectorMath.squaredDistance(a, x * d, a, co, d);
        if (dist < m) {
          m = dist;
          minDist[x] = dist;
        }
        if (!taken[x] && m > bestDist) {
          bestDist = m;
          best = x;
        }
      }
      c = best;
      taken[best] = true;
      idx[t] = best;
      score[t] = Math.sqrt(bestDist);
    }
    return new Selection(NAME, idx, score);
  }

  /**
   * The covering radius {@code max_x min_{s in centres} ||x - s||} of a set of rows, in {@code O(|centres| n d)}: what
   * k-center minimises, for reports and tests. A row's scan over the centres stops as soon as one lies within the
   * largest distance found so far (that row cannot raise the maximum), which leaves the result unchanged.
   */
  public static double coverageRadius(FeatureMatrix f, int[] centres) {
    int n = f.rows();
    int d = f.dim();
    float[] a = f.array();
    double worst = 0;
    for (int x = 0; x < n; x++) {
      float m = Float.POSITIVE_INFINITY;
      for (int s : centres) {
        m = Math.min(m, VectorMath.squaredDistance(a, x * d, a, s * d, d));
        if (m <= worst) {
          break;
        }
      }
      worst = Math.max(worst, m);
    }
    return Math.sqrt(worst);
  }
}
