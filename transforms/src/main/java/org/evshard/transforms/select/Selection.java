package org.evshard.transforms.select;

import java.util.Arrays;

/**
 * What a selection kernel chose: row indices of its input in selection order (rank 0 first) and, for each, the score
 * or marginal gain the method assigned at the moment it was chosen (each kernel's Javadoc says which quantity).
 * Both arrays are copied in and out, so a {@code Selection} cannot be changed after it is built.
 */
public final class Selection {

  private final String method;
  private final int[] indices;
  private final double[] scores;

  public Selection(String method, int[] indices, double[] scores) {
    if (indices.length != scores.length) {
      throw new IllegalArgumentException(method + ": " + indices.length + " indices but " + scores.length
          + " scores");
    }
    this.method = method;
    this.indices = indices.clone();
    this.scores = scores.clone();
  }

  /** The kernel's name ({@code random}, {@code herding}, {@code kcenter}, ...). */
  public String method() {
    return method;
  }

  public int size() {
    return indices.length;
  }

  /** Row index chosen at rank {@code r}. */
  public int index(int r) {
    return indices[r];
  }

  /** Score or gain at rank {@code r}. */
  public double score(int r) {
    return scores[r];
  }

  /** The chosen row indices in selection order (a copy). */
  public int[] indices() {
    return indices.clone();
  }

  /** The scores in selection order (a copy). */
  public double[] scores() {
    return scores.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Selection s && method.equals(s.method) && Arrays.equals(indices, s.indices)
        && Arrays.equals(scores, s.scores);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * method.hashCode() + Arrays.hashCode(indices)) + Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return method + Arrays.toString(indices);
  }
}
