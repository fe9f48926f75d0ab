package org.evshard.transforms.select;

/**
 * The {@code K} non-overlapping bins Dataset Quantization cuts a group into, each in the order its rows were chosen,
 * with the GraphCut gain each row had when it was chosen ({@code NaN} for the rows of the last bin, which is the
 * remainder of the pool and is not chosen greedily). Arrays are copied in and out.
 */
public final class QuantizationBins {

  private final int[][] bins;
  private final double[][] gains;

  public QuantizationBins(int[][] bins, double[][] gains) {
    this.bins = deepCopy(bins);
    this.gains = new double[gains.length][];
    for (int b = 0; b < gains.length; b++) {
      this.gains[b] = gains[b].clone();
    }
  }

  public int count() {
    return bins.length;
  }

  /** Row indices of bin {@code b} in selection order (for the last bin: ascending). */
  public int[] bin(int b) {
    return bins[b].clone();
  }

  /** GraphCut gains of bin {@code b}'s rows at selection time. */
  public double[] gains(int b) {
    return gains[b].clone();
  }

  private static int[][] deepCopy(int[][] a) {
    int[][] c = new int[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }
}
