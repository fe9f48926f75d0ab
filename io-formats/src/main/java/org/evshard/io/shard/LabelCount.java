package org.evshard.io.shard;

/**
 * How many rows of one split carry one label, and how many samples (recordings) they come from: equal unless a
 * slicer turned recordings into several rows.
 */
public record LabelCount(String split, int label, String labelName, long rows, long samples) {

  public LabelCount(String split, int label, String labelName, long rows) {
    this(split, label, labelName, rows, rows);
  }
}
