package org.evshard.transforms.curate;

import org.evshard.transforms.InvalidParameterException;

/**
 * The nearest-centroid step of DataComp's {@code image_based} baseline ({@code get_centroid_ids_gpu} in
 * {@code baselines/apply_filter.py}): for each L/14 image embedding, the centroid with the largest dot product
 * ({@code torch.argmax(torch.einsum("ik, jk -> ij", features.float(), centroids), dim=1)}). No normalisation and no L2
 * distance: the raw inner product. Ties go to the lowest centroid index and a NaN product wins (as {@code argmax}
 * treats NaN as the maximum, first occurrence). float16 embeddings are widened exactly ({@link Float16}), as
 * {@code .float()} does.
 *
 * <p>DataComp computes the products on a GPU in float32 with an unspecified summation order; here each product is
 * accumulated in double, in index order, which is deterministic and at least as accurate. The two can disagree only
 * when two centroids' products are within float32 rounding of each other (about 1e-7 relative). Rows are row-major
 * {@code n x d} blocks; no memory is allocated per row.
 */
public final class NearestCentroid {

  public static final String NAME = "image_based";

  private NearestCentroid() {}

  /** The nearest centroid (largest dot product) of each of the {@code n} float32 rows. */
  public static int[] assign(float[] rows, int n, int d, float[] centroids, int k) {
    checkShapes(rows == null ? -1 : rows.length, n, d, centroids, k);
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      int base = i * d;
      int best = 0;
      double bestDot = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        int cb = j * d;
        double dot = 0;
        for (int t = 0; t < d; t++) {
          dot += (double) rows[base + t] * centroids[cb + t];
        }
        if (dot > bestDot || (Double.isNaN(dot) && !Double.isNaN(bestDot))) {
          best = j;
          bestDot = dot;
        }
      }
      ids[i] = best;
    }
    return ids;
  }

  /** As {@link #assign(float[], int, int, float[], int)} for float16 rows given as raw half-precision bits. */
  public static int[] assignHalf(short[] rows, int n, int d, float[] centroids, int k) {
    checkShapes(rows == null ? -1 : rows.length, n, d, centroids, k);
    int[] ids = new int[n];
    for (int i = 0; i < n; i++) {
      int base = i * d;
      int best = 0;
      double bestDot = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        int cb = j * d;
        double dot = 0;
        for (int t = 0; t < d; t++) {
          dot += (double) Float16.toFloat(rows[base + t]) * centroids[cb + t];
        }
        if (dot > bestDot || (Double.isNaN(dot) && !Double.isNaN(bestDot))) {
          best = j;
          bestDot = dot;
        }
      }
      ids[i] = best;
    }
    return ids;
  }

  /**
   * DataComp's target set: {@code torch.unique} of the nearest centroids of the target embeddings (ImageNet-1k L/14
   * features), as a membership mask over the {@code k} centroids.
   */
  public static boolean[] targetMask(float[] targetRows, int n, int d, float[] centroids, int k) {
    boolean[] mask = new boolean[k];
    for (int id : assign(targetRows, n, d, centroids, k)) {
      mask[id] = true;
    }
    return mask;
  }

  /** Whether each assigned row is kept: its centroid is in the target set. */
  public static boolean[] keep(int[] centroidIds, boolean[] targetMask) {
    boolean[] keep = new boolean[centroidIds.length];
    for (int i = 0; i < centroidIds.length; i++) {
      int id = centroidIds[i];
      if (id < 0 || id >= targetMask.length) {
        throw InvalidParameterException.of(NAME, "centroid id " + i, "in [0, " + targetMask.length + ")", id);
      }
      keep[i] = targetMask[id];
    }
    return keep;
  }

  private static void checkShapes(int rowsLength, int n, int d, float[] centroids, int k) {
    if (n < 0 || d <= 0 || k <= 0) {
      throw new InvalidParameterException(NAME + ": n >= 0, d > 0 and k > 0 are required, got n=" + n + ", d=" + d
          + ", k=" + k);
    }
    if (rowsLength != (long) n * d) {
      throw InvalidParameterException.of(NAME, "rows", "n*d = " + (long) n * d + " values", rowsLength + " values");
    }
    if (centroids == null || centroids.length != (long) k * d) {
      throw InvalidParameterException.of(NAME, "centroids", "k*d = " + (long) k * d + " values",
          centroids == null ? "null" : centroids.length + " values");
    }
  }
}
