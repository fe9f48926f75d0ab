package org.evshard.transforms.select;

/**
 * Dot products, squared Euclidean distances and cosine similarity over float rows, and L2 normalisation into a new
 * matrix. The loops run eight independent accumulators over blocks of eight elements so the CPU overlaps the
 * floating-point adds (a single running sum serialises on add latency); partial sums are combined pairwise at the
 * end. Results are therefore not bit-identical to a plain left-to-right sum, but within float rounding of it.
 */
public final class VectorMath {

  private VectorMath() {}

  /** {@code sum_k a[ao + k] * b[bo + k]} for {@code k < d}. */
  public static float dot(float[] a, int ao, float[] b, int bo, int d) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int k = 0;
    for (int end = d - 7; k < end; k += 8) {
      s0 += a[ao + k] * b[bo + k];
      s1 += a[ao + k + 1] * b[bo + k + 1];
      s2 += a[ao + k + 2] * b[bo + k + 2];
      s3 += a[ao + k + 3] * b[bo + k + 3];
      s4 += a[ao + k + 4] * b[bo + k + 4];
      s5 += a[ao + k + 5] * b[bo + k + 5];
      s6 += a[ao + k + 6] * b[bo + k + 6];
      s7 += a[ao + k + 7] * b[bo + k + 7];
    }
    for (; k < d; k++) {
      s0 += a[ao + k] * b[bo + k];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** Dot product of two whole arrays of equal length. */
  public static float dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("dot: lengths differ (" + a.length + " vs " + b.length + ")");
    }
    return dot(a, 0, b, 0, a.length);
  }

  /** {@code sum_k (a[ao + k] - b[bo + k])^2} for {@code k < d}. */
  public static float squaredDistance(float[] a, int ao, float[] b, int bo, int d) {
    float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
    int k = 0;
    for (int end = d - 7; k < end; k += 8) {
      float e0 = a[ao + k] - b[bo + k];
      float e1 = a[ao + k + 1] - b[bo + k + 1];
      float e2 = a[ao + k + 2] - b[bo + k + 2];
      float e3 = a[ao + k + 3] - b[bo + k + 3];
      float e4 = a[ao + k + 4] - b[bo + k + 4];
      float e5 = a[ao + k + 5] - b[bo + k + 5];
      float e6 = a[ao + k + 6] - b[bo + k + 6];
      float e7 = a[ao + k + 7] - b[bo + k + 7];
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
      s4 += e4 * e4;
      s5 += e5 * e5;
      s6 += e6 * e6;
      s7 += e7 * e7;
    }
    for (; k < d; k++) {
      float e = a[ao + k] - b[bo + k];
      s0 += e * e;
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** Squared Euclidean distance between rows {@code i} and {@code j} of {@code m}. */
  public static float squaredDistance(FeatureMatrix m, int i, int j) {
    int d = m.dim();
    return squaredDistance(m.array(), i * d, m.array(), j * d, d);
  }

  /**
   * Cosine similarity of rows {@code i} and {@code j}: {@code <a, b> / (|a| |b|)}; 0 when either row is all zeros
   * (the direction of a zero vector is undefined, and 0 keeps similarities finite).
   */
  public static double cosine(FeatureMatrix m, int i, int j) {
    float[] a = m.array();
    int d = m.dim();
    double na = Math.sqrt(dot(a, i * d, a, i * d, d));
    double nb = Math.sqrt(dot(a, j * d, a, j * d, d));
    if (na == 0 || nb == 0) {
      return 0;
    }
    return dot(a, i * d, a, j * d, d) / (na * nb);
  }

  /**
   * A new matrix whose rows are the rows of {@code m} divided by their Euclidean norm; an all-zero row stays all
   * zeros. {@code m} is not changed.
   */
  public static FeatureMatrix l2Normalize(FeatureMatrix m) {
    int n = m.rows();
    int d = m.dim();
    float[] a = m.array();
    float[] out = new float[a.length];
    for (int i = 0; i < n; i++) {
      int o = i * d;
      double norm = Math.sqrt(dot(a, o, a, o, d));
      if (norm > 0) {
        float inv = (float) (1.0 / norm);
        for (int k = 0; k < d; k++) {
          out[o + k] = a[o + k] * inv;
        }
      }
    }
    return new FeatureMatrix(n, d, out);
  }
}
