package org.evshard.transforms.select;

/**
 * The similarity of the submodular kernels, {@code sim(i, j) = 0.5 + 0.5 cos(x_i, x_j)} in [0, 1], exactly as Dataset
 * Quantization's {@code cossim_np} defines it ({@code magic-research/Dataset_Quantization},
 * {@code dq/methods/methods_utils/cossim.py}); a row of zeros has cosine 0 with every row, itself included.
 *
 * <p>{@code sim} and its symmetry are exact: {@code sim(i, j)} and {@code sim(j, i)} are the same float sum, and
 * {@code sim(i, i) = 1}. It holds an L2-normalised copy {@code u} of the features, computes each similarity on the fly as
 * {@code 0.5 + 0.5 <u_i, u_j>} and never stores an {@code n x n} matrix. Because cosine is a dot product of
 * normalised rows, a column sum over a pool {@code P} is {@code 0.5 |P| + 0.5 <sum_{i in P} u_i, u_x>}: {@code O(d)}
 * per column after an {@code O(|P| d)} pass, instead of {@code O(|P| d)} per column.
 */
final class CosineSimilarity {

  private final FeatureMatrix unit;
  private final float[] u;
  private final int d;
  private final double[] self;

  CosineSimilarity(FeatureMatrix features) {
    this.unit = VectorMath.l2Normalize(features);
    this.u = unit.array();
    this.d = features.dim();
    this.self = new double[unit.rows()];
    for (int i = 0; i < self.length; i++) {
      self[i] = VectorMath.dot(u, i * d, u, i * d, d) > 0 ? 1.0 : 0.5;
    }
  }

  int rows() {
    return unit.rows();
  }

  /**
   * {@code 0.5 + 0.5 cos(x_i, x_j)}; exactly 1 for {@code i == j} (0.5 for a zero row), so that two rows in symmetric
   * positions get bit-identical gains and the lower-index tie rule applies to them.
   */
  double sim(int i, int j) {
    return i == j ? self[i] : 0.5 + 0.5 * VectorMath.dot(u, i * d, u, j * d, d);
  }

  /**
   * The float cosine of which {@link #sim} is {@code 0.5 + 0.5 cosine}: the dot product of the normalised rows, 1 for
   * {@code i == j} (0 for a zero row), so that {@code sim(i, j) == 0.5 + 0.5 * (double) cosine(i, j)} bit for bit.
   */
  float cosine(int i, int j) {
    return i == j ? (self[i] == 1.0 ? 1f : 0f) : VectorMath.dot(u, i * d, u, j * d, d);
  }

  /** {@code out[p] = sim(s, pool[p])} for every position {@code p} of the pool. */
  void simsTo(int s, int[] pool, double[] out) {
    int so = s * d;
    for (int p = 0; p < pool.length; p++) {
      out[p] = pool[p] == s ? self[s] : 0.5 + 0.5 * VectorMath.dot(u, so, u, pool[p] * d, d);
    }
  }

  /** {@code out[p] = sum_{i in pool} sim(i, pool[p])}, through the sum of the normalised rows. */
  void columnSums(int[] pool, double[] out) {
    double[] total = new double[d];
    for (int i : pool) {
      int o = i * d;
      for (int j = 0; j < d; j++) {
        total[j] += u[o + j];
      }
    }
    for (int p = 0; p < pool.length; p++) {
      int o = pool[p] * d;
      double s = 0;
      for (int j = 0; j < d; j++) {
        s += total[j] * u[o + j];
      }
      out[p] = 0.5 * pool.length + 0.5 * s;
    }
  }
}
