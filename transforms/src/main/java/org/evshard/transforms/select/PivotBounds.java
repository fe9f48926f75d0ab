package org.evshard.transforms.select;

/**
 * Upper bounds of {@code cos(i, x)} without the dot product, for pruning facility location's gains: {@code P} pivot
 * rows chosen farthest first (the first non-zero row, then repeatedly the row whose largest cosine to the pivots so far
 * is smallest, ties to the lower row), and for every row the pivot of largest cosine. For unit vectors the angle obeys
 * the triangle inequality, so with {@code a = cos(x, p)} and {@code b = cos(i, p)}, {@code a < b}:
 *
 * <pre>  cos(i, x) <= cos(angle(x, p) - angle(i, p)) = a b + sqrt(1 - a^2) sqrt(1 - b^2) </pre>
 *
 * The bound grows with {@code a} and falls with {@code b}, so it is evaluated at {@code a + m} and {@code b - m}, with
 * a margin {@code m = 1e-4 + (d / 8 + 8) 2^-22} above the float error of a dot product of normalised rows (eight
 * accumulators of {@code d / 8} products each, plus the normalisation); {@link #cannotExceed} claims
 * {@code cos(i, x) <= c} only when the bound plus {@code m} is below {@code c}. A zero row (cosine 0 with every row, no
 * direction) is never pruned and never prunes. Memory: 12 bytes per row and {@code O(P)}.
 */
final class PivotBounds {

  private final CosineSimilarity sim;
  private final double margin;
  private final int[] pivots;
  private final int[] nearest; // pivot slot of each row, -1: never pruned
  private final float[] bLow; // cos(i, nearest pivot) - margin, at least -1
  private final float[] sinLow; // sqrt(1 - bLow^2)
  private final double[] aHigh; // for the prepared row x: cos(x, pivot) + margin, at most 1
  private final double[] sinHigh;
  private boolean active;

  PivotBounds(CosineSimilarity sim, int d, int maxPivots) {
    this.sim = sim;
    this.margin = 1e-4 + (d / 8.0 + 8) * 0x1p-22;
    int n = sim.rows();
    nearest = new int[n];
    bLow = new float[n];
    sinLow = new float[n];
    java.util.Arrays.fill(nearest, -1);
    java.util.Arrays.fill(bLow, Float.NEGATIVE_INFINITY); // largest cosine to a pivot so far
    int[] chosen = new int[Math.min(maxPivots, n)];
    int count = 0;
    int next = -1;
    for (int i = 0; i < n && next < 0; i++) {
      if (sim.cosine(i, i) == 1f) {
        next = i;
      }
    }
    while (next >= 0 && count < chosen.length) {
      int p = next;
      chosen[count] = p;
      next = -1;
      float lowest = Float.POSITIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (sim.cosine(i, i) != 1f) {
          continue; // zero row
        }
        float c = sim.cosine(p, i);
        if (c > bLow[i]) {
          bLow[i] = c;
          nearest[i] = count;
        }
        if (bLow[i] < lowest) {
          lowest = bLow[i];
          next = i;
        }
      }
      count++;
      if (lowest >= 1f) {
        next = -1; // every row is a pivot's direction
      }
    }
    pivots = java.util.Arrays.copyOf(chosen, count);
    for (int i = 0; i < n; i++) {
      if (nearest[i] >= 0) {
        bLow[i] = (float) Math.max(-1.0, bLow[i] - margin);
        sinLow[i] = (float) Math.sqrt(Math.max(0.0, 1.0 - (double) bLow[i] * bLow[i]));
      }
    }
    aHigh = new double[count];
    sinHigh = new double[count];
  }

  int pivotCount() {
    return pivots.length;
  }

  /** Computes the cosines of row {@code x} to the pivots ({@code P} dot products) for {@link #cannotExceed}. */
  void prepare(int x) {
    active = sim.cosine(x, x) == 1f;
    if (!active) {
      return;
    }
    for (int q = 0; q < pivots.length; q++) {
      double a = Math.min(1.0, sim.cosine(x, pivots[q]) + margin);
      aHigh[q] = a;
      sinHigh[q] = Math.sqrt(Math.max(0.0, 1.0 - a * a));
    }
  }

  /** True only if the float cosine of row {@code i} and the prepared row is at most {@code c}, proven by the bound. */
  boolean cannotExceed(int i, float c) {
    int q = nearest[i];
    if (!active || q < 0) {
      return false;
    }
    double a = aHigh[q];
    double b = bLow[i];
    if (a >= b) {
      return false;
    }
    return a * b + sinHigh[q] * sinLow[i] + margin < c;
  }
}
