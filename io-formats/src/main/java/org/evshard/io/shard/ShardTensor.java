package org.evshard.io.shard;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Locale;

/**
 * A dense C-order tensor stored in the {@code tensor} column of a shard (schema 2, tensor layout): the element type,
 * the shape and one primitive array ({@code short[]} INT16, {@code long[]} INT64, {@code float[]} FLOAT32,
 * {@code double[]} FLOAT64). The array is shared, not copied: callers must not write into it.
 */
public final class ShardTensor implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Element types, named as numpy names them ({@code int16}, ...). */
  public enum Dtype {
    INT16, INT64, FLOAT32, FLOAT64;

    /** The numpy name, e.g. {@code float64}. */
    public String numpyName() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Dtype fromNumpyName(String name) {
      for (Dtype d : values()) {
        if (d.numpyName().equals(name)) {
          return d;
        }
      }
      throw new IllegalArgumentException("unknown tensor dtype '" + name + "': expected int16, int64, float32 or "
          + "float64");
    }
  }

  private final Dtype dtype;
  private final long[] shape;
  private final Object data;

  private ShardTensor(Dtype dtype, long[] shape, Object data, int length) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
      }
      n *= d;
    }
    if (n != length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " elements, data has "
          + length);
    }
    this.dtype = dtype;
    this.shape = shape.clone();
    this.data = data;
  }

  public static ShardTensor ofInt16(long[] shape, short[] data) {
    return new ShardTensor(Dtype.INT16, shape, data, data.length);
  }

  public static ShardTensor ofInt64(long[] shape, long[] data) {
    return new ShardTensor(Dtype.INT64, shape, data, data.length);
  }

  public static ShardTensor ofFloat32(long[] shape, float[] data) {
    return new ShardTensor(Dtype.FLOAT32, shape, data, data.length);
  }

  public static ShardTensor ofFloat64(long[] shape, double[] data) {
    return new ShardTensor(Dtype.FLOAT64, shape, data, data.length);
  }

  public Dtype dtype() {
    return dtype;
  }

  public long[] shape() {
    return shape.clone();
  }

  /** Number of elements. */
  public int size() {
    return java.lang.reflect.Array.getLength(data);
  }

  /** The data array ({@code short[]}, {@code long[]}, {@code float[]} or {@code double[]}); read only. */
  public Object data() {
    return data;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardTensor t && dtype == t.dtype && Arrays.equals(shape, t.shape)
        && Arrays.deepEquals(new Object[] {data}, new Object[] {t.data});
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.deepHashCode(new Object[] {data});
  }

  @Override
  public String toString() {
    return "ShardTensor[" + dtype.numpyName() + " " + Arrays.toString(shape) + "]";
  }
}
