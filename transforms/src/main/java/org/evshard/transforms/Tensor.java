package org.evshard.transforms;

import java.util.Arrays;
import org.evshard.io.npy.NpyArray;

/**
 * A dense C-order tensor produced by a representation kernel: a shape and one primitive array of the element type
 * ({@code short[]} for INT16, {@code long[]} for INT64, {@code float[]} for FLOAT32, {@code double[]} for FLOAT64).
 * The data array is owned by the tensor: callers read it and must not write into it.
 */
public final class Tensor {

  /** Element types a kernel can produce; the names follow numpy. */
  public enum ElementType { INT16, INT64, FLOAT32, FLOAT64 }

  /** Largest number of elements one tensor may hold (a Java array's limit). */
  public static final long MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private final ElementType type;
  private final long[] shape;
  private final Object data;

  private Tensor(ElementType type, long[] shape, Object data, int length) {
    long n = elementCount(shape);
    if (n != length) {
      throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " elements, data has "
          + length);
    }
    this.type = type;
    this.shape = shape.clone();
    this.data = data;
  }

  public static Tensor ofInt16(long[] shape, short[] data) {
    return new Tensor(ElementType.INT16, shape, data, data.length);
  }

  public static Tensor ofInt64(long[] shape, long[] data) {
    return new Tensor(ElementType.INT64, shape, data, data.length);
  }

  public static Tensor ofFloat32(long[] shape, float[] data) {
    return new Tensor(ElementType.FLOAT32, shape, data, data.length);
  }

  public static Tensor ofFloat64(long[] shape, double[] data) {
    return new Tensor(ElementType.FLOAT64, shape, data, data.length);
  }

  /**
   * Number of elements of {@code shape}, checked against {@link #MAX_ELEMENTS} and, at {@code elementBytes} per
   * element of the array the kernel allocates, against {@link OutputBudget}, before anything is allocated.
   *
   * @throws OutputTooLargeException when the tensor would be too large
   */
  public static int checkedSize(String transform, int elementBytes, long... shape) {
    long n = elementCount(shape);
    if (n < 0 || n > MAX_ELEMENTS) {
      throw new OutputTooLargeException(transform + ": output tensor of shape " + Arrays.toString(shape)
          + " exceeds " + MAX_ELEMENTS + " elements");
    }
    OutputBudget.check(transform, "output tensor of shape " + Arrays.toString(shape), n * elementBytes);
    return (int) n;
  }

  private static long elementCount(long[] shape) {
    long n = 1;
    for (long d : shape) {
      if (d < 0) {
        return -1;
      }
      if (d != 0 && n > Long.MAX_VALUE / d) {
        return -1;
      }
      n *= d;
    }
    return n;
  }

  public ElementType type() {
    return type;
  }

  public long[] shape() {
    return shape.clone();
  }

  public long dim(int i) {
    return shape[i];
  }

  public int rank() {
    return shape.length;
  }

  public int size() {
    return java.lang.reflect.Array.getLength(data);
  }

  /** The INT16 data; read only. */
  public short[] shorts() {
    return (short[]) data(ElementType.INT16);
  }

  /** The INT64 data; read only. */
  public long[] longs() {
    return (long[]) data(ElementType.INT64);
  }

  /** The FLOAT32 data; read only. */
  public float[] floats() {
    return (float[]) data(ElementType.FLOAT32);
  }

  /** The FLOAT64 data; read only. */
  public double[] doubles() {
    return (double[]) data(ElementType.FLOAT64);
  }

  private Object data(ElementType wanted) {
    if (type != wanted) {
      throw new IllegalStateException("tensor holds " + type + ", not " + wanted);
    }
    return data;
  }

  /** This tensor as an NPY array (copies the data). */
  public NpyArray toNpy() {
    return switch (type) {
      case INT16 -> NpyArray.ofInt16(shape, (short[]) data);
      case INT64 -> NpyArray.ofInt64(shape, (long[]) data);
      case FLOAT32 -> NpyArray.ofFloat32(shape, (float[]) data);
      case FLOAT64 -> NpyArray.ofFloat64(shape, (double[]) data);
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tensor t && type == t.type && Arrays.equals(shape, t.shape)
        && Arrays.deepEquals(new Object[] {data}, new Object[] {t.data});
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.deepHashCode(new Object[] {data});
  }

  @Override
  public String toString() {
    return "Tensor[" + type + " " + Arrays.toString(shape) + "]";
  }
}
