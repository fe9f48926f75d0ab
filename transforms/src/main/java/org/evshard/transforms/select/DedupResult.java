package org.evshard.transforms.select;

import java.util.Arrays;

/**
 * What {@link SemDeDup} decided for one cluster: the order it visited the rows in, and for every row whether it was
 * kept, its largest cosine similarity to the rows it was compared with, and (for a dropped row) the row it duplicates.
 * Arrays are copied in and out.
 */
public final class DedupResult {

  private final int[] order;
  private final boolean[] kept;
  private final double[] maxSimilarity;
  private final int[] duplicateOf;

  public DedupResult(int[] order, boolean[] kept, double[] maxSimilarity, int[] duplicateOf) {
    this.order = order.clone();
    this.kept = kept.clone();
    this.maxSimilarity = maxSimilarity.clone();
    this.duplicateOf = duplicateOf.clone();
  }

  /** Row indices in the order they were visited (rank 0 is always kept). */
  public int[] order() {
    return order.clone();
  }

  public boolean isKept(int row) {
    return kept[row];
  }

  /** The largest cosine similarity of {@code row} to an earlier row it was compared with (0 for the first row). */
  public double maxSimilarity(int row) {
    return maxSimilarity[row];
  }

  /** For a dropped row, the earlier row of that largest similarity; -1 for a kept row. */
  public int duplicateOf(int row) {
    return duplicateOf[row];
  }

  /** Kept rows in visiting order. */
  public int[] keptRows() {
    return Arrays.stream(order).filter(r -> kept[r]).toArray();
  }

  /** Dropped rows in visiting order. */
  public int[] droppedRows() {
    return Arrays.stream(order).filter(r -> !kept[r]).toArray();
  }
}
