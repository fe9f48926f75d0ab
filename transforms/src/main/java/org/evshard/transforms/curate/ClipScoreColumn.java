package org.evshard.transforms.curate;

/**
 * The two CLIP-score columns of a DataComp pool that {@code clip_score} filters on ({@code --arch b32} or {@code l14}
 * in DataComp's {@code baselines.py}; any other arch means L/14 there).
 */
public enum ClipScoreColumn {
  B32("b32", "clip_b32_similarity_score"),
  L14("l14", "clip_l14_similarity_score");

  private final String arch;
  private final String column;

  ClipScoreColumn(String arch, String column) {
    this.arch = arch;
    this.column = column;
  }

  /** DataComp's {@code --arch} value. */
  public String arch() {
    return arch;
  }

  /** The Parquet column name in the pool metadata. */
  public String column() {
    return column;
  }
}
