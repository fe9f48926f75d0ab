package org.evshard.transforms.select;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Require;

/**
 * {@code semdedup}: semantic deduplication inside one cluster (Abbas et al. 2023, {@code facebookresearch/SemDeDup}).
 *
 * <p>Order ({@code clustering/sort_clusters.py} {@code rank_within_cluster}, cosine metric): rows sorted by their
 * cosine distance to the centroid, {@code 1 - cos(x, c)}. {@link Order#HARD} (the reference default
 * {@code keep_hard: True}): descending distance, so the rows farthest from the centroid come first and are kept;
 * equal distances keep ascending row order (Python's stable {@code sorted(..., reverse=True)}). {@link Order#EASY}:
 * the HARD list reversed ({@code which_to_keep == "easy"} reverses it). {@link Order#RANDOM}: a seeded shuffle of the
 * HARD list ({@code random.shuffle} in the reference; our PRNG, so a different permutation for the same seed).
 *
 * <p>Rule ({@code semdedup.py}): with rows L2-normalised, {@code M[j] = max over i before j of cos(x_i, x_j)} taken
 * over <em>every</em> earlier row, dropped or not (the reference's column max of the upper triangle of the cosine
 * matrix; {@code M = 0} for the first row), and row {@code j} is dropped when {@code M[j] > 1 - eps}
 * ({@link Compare#ALL_EARLIER}). {@link Compare#KEPT} compares only with earlier <em>kept</em> rows, the greedy reading
 * of the paper in which a dropped row never removes another. The duplicate reported for a dropped row is the earlier
 * row attaining {@code M[j]} (the earliest on ties); under ALL_EARLIER it may itself be dropped.
 *
 * <p>Cost: {@code O(n^2 d / 2)} time with similarities computed on the fly, {@code O(n)} memory beyond a normalised
 * copy of the features (the reference materialises the {@code n x n} matrix).
 */
public final class SemDeDup {

  /** Which rows of a near-duplicate group come first and are therefore kept. */
  public enum Order { HARD, EASY, RANDOM }

  /** Which earlier rows a row is compared with. */
  public enum Compare { ALL_EARLIER, KEPT }

  private SemDeDup() {}

  /**
   * Deduplicates one cluster. {@code centroid} is the cluster's k-means centroid ({@code null}: the mean of the rows);
   * {@code eps} in [0, 1); {@code seed} is used only by {@link Order#RANDOM}.
   */
  public static DedupResult dedup(FeatureMatrix f, float[] centroid, double eps, Order order, Compare compare,
      long seed) {
    Require.inRange("semdedup", "eps", eps, 0, 1);
    int n = f.rows();
    int d = f.dim();
    if (centroid != null && centroid.length != d) {
      throw InvalidParameterException.of("semdedup", "centroid length", "the feature dimension " + d,
          centroid.length);
    }
    FeatureMatrix unit = VectorMath.l2Normalize(f);
    float[] u = unit.array();
    int[] visit = visitOrder(f, unit, centroid, order, seed);
    boolean[] kept = new boolean[n];
    double[] maxSim = new double[n];
    int[] dup = new int[n];
    Arrays.fill(dup, -1);
    int[] keptSoFar = new int[n];
    int nKept = 0;
    double threshold = 1 - eps;
    for (int r = 0; r < n; r++) {
      int j = visit[r];
      double m = Double.NEGATIVE_INFINITY;
      int arg = -1;
      int count = compare == Compare.KEPT ? nKept : r;
      int[] earlier = compare == Compare.KEPT ? keptSoFar : visit;
      for (int q = 0; q < count; q++) {
        int i = earlier[q];
        double c = VectorMath.dot(u, i * d, u, j * d, d);
        if (c > m) {
          m = c;
          arg = i;
        }
      }
      maxSim[j] = Math.max(m, 0);
      if (maxSim[j] > threshold) { // threshold > 0, so a drop always has an earlier row
        dup[j] = arg;
      } else {
        kept[j] = true;
        keptSoFar[nKept++] = j;
      }
    }
    return new DedupResult(visit, kept, maxSim, dup);
  }

  private static int[] visitOrder(FeatureMatrix f, FeatureMatrix unit, float[] centroid, Order order, long seed) {
    int n = f.rows();
    int d = f.dim();
    float[] c = centroid;
    if (c == null) {
      double[] mean = new double[d];
      float[] a = f.array();
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < d; j++) {
          mean[j] += a[i * d + j];
        }
      }
      c = new float[d];
      for (int j = 0; j < d; j++) {
        c[j] = (float) (mean[j] / Math.max(n, 1));
      }
    }
    FeatureMatrix cu = VectorMath.l2Normalize(new FeatureMatrix(1, d, c.clone()));
    double[] dist = new double[n];
    for (int i = 0; i < n; i++) {
      dist[i] = 1.0 - VectorMath.dot(unit.array(), i * d, cu.array(), 0, d);
    }
    Integer[] boxed = new Integer[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> {
      int cmp = Double.compare(dist[b], dist[a]);
      return cmp != 0 ? cmp : Integer.compare(a, b);
    });
    int[] hard = new int[n];
    for (int i = 0; i < n; i++) {
      hard[i] = boxed[i];
    }
    switch (order) {
      case HARD:
        return hard;
      case EASY:
        int[] easy = new int[n];
        for (int i = 0; i < n; i++) {
          easy[i] = hard[n - 1 - i];
        }
        return easy;
      default:
        return SeededRandom.sample(hard, n, new SplittableRandom(seed));
    }
  }
}
