package org.evshard.transforms.select;

/**
 * The similarity of the submodular kernels, {@code sim(i, j) = 0.5 + 0.5 cos(x_i, x_j)} in [0, 1], exactly as Dataset
 * Quantization's {@code cossim_np} defines it ({@code magic-research/Dataset_Quantization},
 * {@code dq/methods/methods_utils/cossim.py}); a row of zeros has cosine 0 with every row, itself included.
 *
 * <p>It holds an L2-normalised copy {@code u} of the features, computes each similarity on the fly as
 * {@code 0.5 + 0.5 <u_i, u_j>} and never stores an {@code n x n} matrix. Because cosine is a dot product of
 * normalised rows, a column sum over a pool {@code P} is {@code 0.5 |P| + 0.5 <sum_{i in P} u_i, u_x>}: {@code O(d)}
 * per column after an {@code O(|P| d)} pass, instead of {@code O(|P| d)} per column.
 */
final class CosineSimilarity {

  private final FeatureMatrix unit;
  private final float[] u;
  private final int d;

  CosineSimilarity(FeatureMatrix features) {
    this.unit = VectorMath.l2Normalize(features);
    this.u = unit.array();
    this.d = features.dim();
  }

  int rows() {
    return unit.rows();
  }

  /** {@code 0.5 + 0.5 cos(x_i, x_j)}. */
  double sim(int i, int j) {
    return 0.5 + 0.5 * VectorMath.dot(u, i * d, u, j * d, d);
  }

  /** {@code out[p] = sim(s, pool[p])} for every position {@code p} of the pool. */
  void simsTo(int s, int[] pool, double[] out) {
    int so = s * d;
    for (int p = 0; p < pool.length; p++) {
      out[p] = 0.5 + 0.5 * VectorMath.dot(u, so, u, pool[p] * d, d);
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
