package org.evshard.transforms.select;

import java.util.SplittableRandom;
import org.evshard.transforms.InvalidParameterException;

/**
 * Grouping without labels: seeded k-means++ seeding (Arthur and Vassilvitskii 2007), mini-batch k-means (Sculley,
 * "Web-scale k-means clustering", WWW 2010, Algorithm 1) and nearest-centroid assignment. All squared Euclidean,
 * all deterministic for a seed ({@link SplittableRandom}).
 */
public final class KMeans {

  private KMeans() {}

  /**
   * k-means++ seeding: the first centre uniformly at random, each next one drawn with probability proportional to
   * {@code D(x)^2}, the squared distance of row {@code x} to its nearest centre so far (a row already chosen has
   * {@code D = 0} and is never drawn again unless all rows coincide, in which case the draw is uniform over all rows).
   * Returns {@code k x d} centroids (copies of rows).
   */
  public static FeatureMatrix kMeansPlusPlus(FeatureMatrix points, int k, long seed) {
    int n = points.rows();
    int d = points.dim();
    if (k < 1 || k > n) {
      throw InvalidParameterException.of("kmeans", "k", "in [1, " + n + "]", k);
    }
    float[] a = points.array();
    SplittableRandom rng = new SplittableRandom(seed);
    float[] c = new float[k * d];
    int first = rng.nextInt(n);
    System.arraycopy(a, first * d, c, 0, d);
    double[] dist = new double[n];
    for (int x = 0; x < n; x++) {
      dist[x] = VectorMath.squaredDistance(a, x * d, c, 0, d);
    }
    for (int j = 1; j < k; j++) {
      double total = 0;
      for (int x = 0; x < n; x++) {
        total += dist[x];
      }
      int pick;
      if (total > 0) {
        double r = rng.nextDouble() * total;
        pick = n - 1;
        double acc = 0;
        for (int x = 0; x < n; x++) {
          acc += dist[x];
          if (r < acc && dist[x] > 0) {
            pick = x;
            break;
          }
        }
        while (dist[pick] == 0) { // r fell past the last positive weight by rounding
          pick--;
        }
      } else {
        pick = rng.nextInt(n);
      }
      System.arraycopy(a, pick * d, c, j * d, d);
      for (int x = 0; x < n; x++) {
        double e = VectorMath.squaredDistance(a, x * d, c, j * d, d);
        if (e < dist[x]) {
          dist[x] = e;
        }
      }
    }
    return new FeatureMatrix(k, d, c);
  }

  /**
   * Mini-batch k-means (Sculley 2010): start from {@link #kMeansPlusPlus}; each of {@code iterations} rounds draws
   * {@code batchSize} rows uniformly with replacement, caches each one's nearest centre, then for each drawn row in
   * draw order increments its centre's count {@code v[c]} and moves the centre by the per-centre learning rate
   * {@code 1 / v[c]}: {@code c <- (1 - 1/v[c]) c + (1/v[c]) x}. Returns the {@code k x d} centroids.
   */
  public static FeatureMatrix miniBatch(FeatureMatrix points, int k, int batchSize, int iterations, long seed) {
    if (batchSize < 1) {
      throw InvalidParameterException.of("kmeans", "batch size", "an integer >= 1", batchSize);
    }
    if (iterations < 0) {
      throw InvalidParameterException.of("kmeans", "iterations", "an integer >= 0", iterations);
    }
    int n = points.rows();
    int d = points.dim();
    float[] a = points.array();
    SplittableRandom rng = new SplittableRandom(seed);
    float[] c = kMeansPlusPlus(points, k, rng.nextLong()).toArray();
    long[] v = new long[k];
    int[] batch = new int[batchSize];
    int[] near = new int[batchSize];
    for (int it = 0; it < iterations; it++) {
      for (int b = 0; b < batchSize; b++) {
        batch[b] = rng.nextInt(n);
        near[b] = nearest(a, batch[b] * d, c, k, d);
      }
      for (int b = 0; b < batchSize; b++) {
        int ci = near[b];
        v[ci]++;
        float eta = (float) (1.0 / v[ci]);
        int co = ci * d;
        int xo = batch[b] * d;
        for (int j = 0; j < d; j++) {
          c[co + j] = (1 - eta) * c[co + j] + eta * a[xo + j];
        }
      }
    }
    return new FeatureMatrix(k, d, c);
  }

  /** For each row, the index of its nearest centroid by squared Euclidean distance; ties to the lower index. */
  public static int[] assign(FeatureMatrix points, FeatureMatrix centroids) {
    if (points.dim() != centroids.dim()) {
      throw InvalidParameterException.of("kmeans", "centroid dimension", "the point dimension " + points.dim(),
          centroids.dim());
    }
    if (centroids.rows() < 1) {
      throw InvalidParameterException.of("kmeans", "centroids", "at least one", 0);
    }
    int n = points.rows();
    int d = points.dim();
    int[] out = new int[n];
    for (int x = 0; x < n; x++) {
      out[x] = nearest(points.array(), x * d, centroids.array(), centroids.rows(), d);
    }
    return out;
  }

  private static int nearest(float[] a, int o, float[] c, int k, int d) {
    int best = 0;
    float bestDist = Float.POSITIVE_INFINITY;
    for (int j = 0; j < k; j++) {
      float e = VectorMath.squaredDistance(a, o, c, j * d, d);
      if (e < bestDist) {
        bestDist = e;
        best = j;
      }
    }
    return best;
  }
}
