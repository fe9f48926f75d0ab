package org.evshard.transforms.select;

import java.util.SplittableRandom;
import org.evshard.transforms.InvalidParameterException;

/**
 * A seeded Gaussian random projection from {@code d} to {@code k} dimensions (Johnson-Lindenstrauss): {@code y = x R}
 * with {@code R[j][p] ~ N(0, 1) / sqrt(k)}, so squared norms are preserved in expectation. {@code R} is drawn row by
 * row ({@code j = 0..d-1}, {@code p = 0..k-1}) from {@link SplittableRandom}{@code (seed)} by Box-Muller, so the same
 * seed gives the same projection on every machine and every worker.
 */
public final class GaussianProjection {

  private final int inDim;
  private final int outDim;
  private final float[] r;

  private GaussianProjection(int inDim, int outDim, float[] r) {
    this.inDim = inDim;
    this.outDim = outDim;
    this.r = r;
  }

  public static GaussianProjection create(int inDim, int outDim, long seed) {
    if (inDim < 1 || outDim < 1) {
      throw InvalidParameterException.of("projection", "dimensions", "both >= 1", inDim + " -> " + outDim);
    }
    float[] r = new float[Math.multiplyExact(inDim, outDim)];
    SplittableRandom rng = new SplittableRandom(seed);
    double scale = 1.0 / Math.sqrt(outDim);
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) (SeededRandom.gaussian(rng) * scale);
    }
    return new GaussianProjection(inDim, outDim, r);
  }

  public int inDim() {
    return inDim;
  }

  public int outDim() {
    return outDim;
  }

  /** Entry {@code R[j][p]}. */
  public float weight(int j, int p) {
    return r[j * outDim + p];
  }

  /** Projects every row of {@code x} ({@code n x inDim}) into a new {@code n x outDim} matrix. */
  public FeatureMatrix apply(FeatureMatrix x) {
    if (x.dim() != inDim) {
      throw InvalidParameterException.of("projection", "input dimension", String.valueOf(inDim), x.dim());
    }
    int n = x.rows();
    float[] a = x.array();
    float[] out = new float[n * outDim];
    for (int i = 0; i < n; i++) {
      int o = i * outDim;
      for (int j = 0; j < inDim; j++) {
        float v = a[i * inDim + j];
        if (v == 0) {
          continue;
        }
        int ro = j * outDim;
        for (int p = 0; p < outDim; p++) {
          out[o + p] += v * r[ro + p];
        }
      }
    }
    return new FeatureMatrix(n, outDim, out);
  }
}
