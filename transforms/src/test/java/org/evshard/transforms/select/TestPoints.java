package org.evshard.transforms.select;

import java.util.Random;

/** Generated feature matrices for the selection tests, and double-precision reference similarities. */
final class TestPoints {

  private TestPoints() {}

  /** {@code n x d} standard normal rows from {@link Random}{@code (seed)}. */
  static FeatureMatrix gaussian(int n, int d, long seed) {
    Random r = new Random(seed);
    float[] a = new float[n * d];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) r.nextGaussian();
    }
    return new FeatureMatrix(n, d, a);
  }

  /** Cosine of rows i and j in double, straight from the definition (0 for a zero row). */
  static double cos(FeatureMatrix f, int i, int j) {
    double dot = 0;
    double ni = 0;
    double nj = 0;
    for (int k = 0; k < f.dim(); k++) {
      double a = f.get(i, k);
      double b = f.get(j, k);
      dot += a * b;
      ni += a * a;
      nj += b * b;
    }
    return ni == 0 || nj == 0 ? 0 : dot / Math.sqrt(ni * nj);
  }

  /** Dataset Quantization's {@code cossim_np}: {@code 0.5 + 0.5 cos}, with {@code cos(x, x) = 1} exactly. */
  static double sim(FeatureMatrix f, int i, int j) {
    return i == j && cos(f, i, i) != 0 ? 1.0 : 0.5 + 0.5 * cos(f, i, j);
  }

  /** Euclidean distance of rows i and j in double. */
  static double dist(FeatureMatrix f, int i, int j) {
    double s = 0;
    for (int k = 0; k < f.dim(); k++) {
      double e = (double) f.get(i, k) - f.get(j, k);
      s += e * e;
    }
    return Math.sqrt(s);
  }

  /** Every k-subset of {0..n-1}, lexicographic. */
  static java.util.List<int[]> subsets(int n, int k) {
    java.util.List<int[]> out = new java.util.ArrayList<>();
    int[] c = new int[k];
    for (int i = 0; i < k; i++) {
      c[i] = i;
    }
    while (true) {
      out.add(c.clone());
      int i = k - 1;
      while (i >= 0 && c[i] == n - k + i) {
        i--;
      }
      if (i < 0) {
        return out;
      }
      c[i]++;
      for (int j = i + 1; j < k; j++) {
        c[j] = c[j - 1] + 1;
      }
    }
  }
}
