package org.evshard.transforms.select;

import org.evshard.transforms.InvalidParameterException;

/**
 * An {@code n x d} matrix of float features stored row-major in one {@code float[]}: row {@code i} occupies
 * {@code [i * d, (i + 1) * d)}. It is the input of every selection and grouping kernel.
 *
 * <p>The matrix wraps the caller's array without copying it (a group of 10,000 x 512 features is 20 MB), so the
 * caller must not change the array while a kernel runs; the kernels of this package only ever read it. {@link #row}
 * and {@link #toArray} hand out copies.
 */
public final class FeatureMatrix {

  private final int rows;
  private final int dim;
  private final float[] data;

  /**
   * Wraps {@code data} (length {@code rows * dim}, every element finite) as a matrix; {@code dim >= 1},
   * {@code rows >= 0}.
   */
  public FeatureMatrix(int rows, int dim, float[] data) {
    if (rows < 0) {
      throw InvalidParameterException.of("features", "rows", "an integer >= 0", rows);
    }
    if (dim < 1) {
      throw InvalidParameterException.of("features", "dim", "an integer >= 1", dim);
    }
    if (data == null || (long) rows * dim != data.length) {
      throw InvalidParameterException.of("features", "data length", "rows * dim = " + (long) rows * dim,
          data == null ? "null" : data.length);
    }
    for (int i = 0; i < data.length; i++) {
      if (!Float.isFinite(data[i])) {
        throw InvalidParameterException.of("features", "element (" + i / dim + ", " + i % dim + ")", "finite",
            data[i]);
      }
    }
    this.rows = rows;
    this.dim = dim;
    this.data = data;
  }

  /** Copies {@code rows} (all of one length) into a new matrix. */
  public static FeatureMatrix of(float[][] rows) {
    if (rows.length == 0) {
      throw InvalidParameterException.of("features", "rows", "at least one row to learn the dimension", 0);
    }
    int d = rows[0].length;
    float[] data = new float[rows.length * d];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != d) {
        throw InvalidParameterException.of("features", "row " + i + " length", "the dimension " + d, rows[i].length);
      }
      System.arraycopy(rows[i], 0, data, i * d, d);
    }
    return new FeatureMatrix(rows.length, d, data);
  }

  public int rows() {
    return rows;
  }

  public int dim() {
    return dim;
  }

  /** Element {@code (i, j)}. */
  public float get(int i, int j) {
    return data[i * dim + j];
  }

  /** A copy of row {@code i}. */
  public float[] row(int i) {
    float[] r = new float[dim];
    System.arraycopy(data, i * dim, r, 0, dim);
    return r;
  }

  /** A copy of the whole row-major array. */
  public float[] toArray() {
    return data.clone();
  }

  /** The rows {@code idx[0], idx[1], ...} copied into a new matrix, in that order. */
  public FeatureMatrix select(int[] idx) {
    float[] out = new float[idx.length * dim];
    for (int r = 0; r < idx.length; r++) {
      System.arraycopy(data, idx[r] * dim, out, r * dim, dim);
    }
    return new FeatureMatrix(idx.length, dim, out);
  }

  /** The backing array, for the kernels of this package, which only read it. */
  float[] array() {
    return data;
  }
}
