package org.evshard.io.npy;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.format.ReadOptions;

/**
 * A plain n-dimensional numeric NPY array in C order, held fully in memory in a primitive array of its own type
 * ({@code boolean[]}, {@code byte[]} for int8/uint8, {@code short[]}, {@code int[]}, {@code long[]}, {@code float[]},
 * {@code double[]}; unsigned types keep their raw bits, float16 keeps its raw 16-bit patterns in a {@code short[]}).
 * Integer values stay exact: read them with {@link #getLong}/{@link #toLongArray}; float16 and float32 values convert
 * exactly with {@link #getDouble}/{@link #toFloatArray}. Immutable.
 */
public final class NpyArray {

  /** Largest data block one array can hold (a Java array's limit). */
  public static final long MAX_DATA_BYTES = Integer.MAX_VALUE - 8;

  /** Size of the blocks {@link #write(OutputStream)} encodes the data in. */
  static final int WRITE_CHUNK_BYTES = 1 << 20;

  private final NpyElementType type;
  private final long[] shape;
  private final Object data;
  private final int size;

  private NpyArray(NpyElementType type, long[] shape, Object data, int size) {
    this.type = type;
    this.shape = shape;
    this.data = data;
    this.size = size;
  }

  public static NpyArray ofFloat64(long[] shape, double[] data) {
    return of(NpyScalarType.FLOAT64, shape, data.clone(), data.length);
  }

  public static NpyArray ofFloat32(long[] shape, float[] data) {
    return of(NpyScalarType.FLOAT32, shape, data.clone(), data.length);
  }

  /** A float16 array from its IEEE 754 half-precision bit patterns (as {@code np.float16(...).view('<u2')} gives). */
  public static NpyArray ofFloat16Bits(long[] shape, short[] bits) {
    return of(NpyScalarType.FLOAT16, shape, bits.clone(), bits.length);
  }

  public static NpyArray ofInt64(long[] shape, long[] data) {
    return of(NpyScalarType.INT64, shape, data.clone(), data.length);
  }

  public static NpyArray ofInt32(long[] shape, int[] data) {
    return of(NpyScalarType.INT32, shape, data.clone(), data.length);
  }

  public static NpyArray ofInt16(long[] shape, short[] data) {
    return of(NpyScalarType.INT16, shape, data.clone(), data.length);
  }

  public static NpyArray ofInt8(long[] shape, byte[] data) {
    return of(NpyScalarType.INT8, shape, data.clone(), data.length);
  }

  public static NpyArray ofUint8(long[] shape, byte[] data) {
    return of(NpyScalarType.UINT8, shape, data.clone(), data.length);
  }

  public static NpyArray ofBool(long[] shape, boolean[] data) {
    return of(NpyScalarType.BOOL, shape, data.clone(), data.length);
  }

  private static NpyArray of(NpyScalarType t, long[] shape, Object data, int length) {
    long n = NpyHeader.of(NpyDtype.scalar(NpyElementType.little(t)), shape).elementCount();
    if (n != length) {
      throw new IllegalArgumentException("shape " + NpyHeader.shapeRepr(shape) + " holds " + n
          + " elements but " + length + " values were given");
    }
    return new NpyArray(NpyElementType.little(t), shape.clone(), data, length);
  }

  /** Reads a whole file; the data must fill the rest of the file exactly. */
  public static NpyArray read(Path file) throws IOException {
    long fileSize = Files.size(file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(in, file.toString(), Math.min(MAX_DATA_BYTES, fileSize));
    }
  }

  /**
   * Reads one array from {@code in} (which is not closed).
   *
   * @param maxDataBytes the most data bytes accepted, checked before anything is allocated
   */
  public static NpyArray read(InputStream in, String source, long maxDataBytes) throws IOException {
    NpyHeader h = NpyHeader.read(in, source, ReadOptions.DEFAULT_MAX_HEADER_BYTES);
    long at = h.dataOffset();
    if (h.dtype().isStructured()) {
      throw new UnsupportedFormatException(source, at, "structured dtype " + h.dtype().descr()
          + " is not a plain numeric array; read event arrays with NpyEvents");
    }
    if (h.fortranOrder()) {
      throw new UnsupportedFormatException(source, at, "fortran_order True: evshard reads C-order arrays only");
    }
    NpyElementType t = h.dtype().scalarType();
    long n = h.elementCount();
    long limit = Math.min(maxDataBytes, MAX_DATA_BYTES);
    if (n < 0 || n > limit / t.size()) {
      throw new LimitExceededException(source, at, "NPY data size of shape " + NpyHeader.shapeRepr(h.shape())
          + " x " + t.size() + " bytes", n < 0 ? Long.MAX_VALUE : n * t.size(), limit);
    }
    int bytes = (int) (n * t.size());
    byte[] raw = in.readNBytes(bytes); // grows with the bytes actually present, not with the header's claim
    if (raw.length < bytes) {
      throw new CorruptInputException(source, at + raw.length, "NPY data truncated: shape "
          + NpyHeader.shapeRepr(h.shape()) + " of " + t + " needs " + bytes + " bytes, found " + raw.length);
    }
    if (in.read() >= 0) {
      throw new CorruptInputException(source, at + bytes, "trailing bytes after the NPY data of "
          + NpyHeader.shapeRepr(h.shape()) + " " + t);
    }
    return new NpyArray(t, h.shape(), decode(t, raw, (int) n), (int) n);
  }

  private static Object decode(NpyElementType t, byte[] raw, int n) {
    ByteBuffer b = ByteBuffer.wrap(raw).order(t.order());
    switch (t.type()) {
      case BOOL: {
        boolean[] a = new boolean[n];
        for (int i = 0; i < n; i++) {
          a[i] = raw[i] != 0;
        }
        return a;
      }
      case INT8:
      case UINT8:
        return raw;
      case INT16:
      case UINT16:
      case FLOAT16: {
        short[] a = new short[n];
        b.asShortBuffer().get(a);
        return a;
      }
      case INT32:
      case UINT32: {
        int[] a = new int[n];
        b.asIntBuffer().get(a);
        return a;
      }
      case INT64:
      case UINT64: {
        long[] a = new long[n];
        b.asLongBuffer().get(a);
        return a;
      }
      case FLOAT32: {
        float[] a = new float[n];
        b.asFloatBuffer().get(a);
        return a;
      }
      default: {
        double[] a = new double[n];
        b.asDoubleBuffer().get(a);
        return a;
      }
    }
  }

  /** Writes this array as numpy's {@code np.save} would (oldest NPY version that fits, 64-byte aligned header). */
  public void write(OutputStream out) throws IOException {
    write(out, WRITE_CHUNK_BYTES);
  }

  /**
   * Writes the header, then the data in blocks of at most {@code chunkBytes} (at least one element each), so that
   * arrays whose data exceeds 2 GiB are written too.
   */
  void write(OutputStream out, int chunkBytes) throws IOException {
    out.write(NpyHeader.of(NpyDtype.scalar(type), shape).toBytes());
    int width = type.size();
    int perChunk = Math.max(1, Math.min(size, chunkBytes / width));
    ByteBuffer b = ByteBuffer.allocate(perChunk * width).order(type.order());
    for (int from = 0; from < size; from += perChunk) {
      int n = Math.min(perChunk, size - from);
      b.clear();
      switch (type.type()) {
        case BOOL -> {
          boolean[] a = (boolean[]) data;
          for (int i = from; i < from + n; i++) {
            b.put((byte) (a[i] ? 1 : 0));
          }
        }
        case INT8, UINT8 -> b.put((byte[]) data, from, n);
        case INT16, UINT16, FLOAT16 -> b.asShortBuffer().put((short[]) data, from, n);
        case INT32, UINT32 -> b.asIntBuffer().put((int[]) data, from, n);
        case INT64, UINT64 -> b.asLongBuffer().put((long[]) data, from, n);
        case FLOAT32 -> b.asFloatBuffer().put((float[]) data, from, n);
        default -> b.asDoubleBuffer().put((double[]) data, from, n);
      }
      out.write(b.array(), 0, n * width);
    }
  }

  public void write(Path file) throws IOException {
    try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      write(out);
    }
  }

  public NpyScalarType type() {
    return type.type();
  }

  /** The element type with the byte order of the file it came from. */
  public NpyElementType elementType() {
    return type;
  }

  public long[] shape() {
    return shape.clone();
  }

  /** Number of elements. */
  public int size() {
    return size;
  }

  /** Element {@code i} in C order as an exact integer; for integer and bool arrays only. */
  public long getLong(int i) {
    java.util.Objects.checkIndex(i, size);
    return switch (type.type()) {
      case BOOL -> ((boolean[]) data)[i] ? 1 : 0;
      case INT8 -> ((byte[]) data)[i];
      case UINT8 -> ((byte[]) data)[i] & 0xFFL;
      case INT16 -> ((short[]) data)[i];
      case UINT16 -> ((short[]) data)[i] & 0xFFFFL;
      case INT32 -> ((int[]) data)[i];
      case UINT32 -> ((int[]) data)[i] & 0xFFFF_FFFFL;
      case INT64 -> ((long[]) data)[i];
      case UINT64 -> {
        long v = ((long[]) data)[i];
        if (v < 0) {
          throw new ArithmeticException("uint64 value " + Long.toUnsignedString(v) + " at index " + i
              + " does not fit a signed long");
        }
        yield v;
      }
      default -> throw new IllegalStateException(type + " array: read floats with getDouble");
    };
  }

  /** Element {@code i} in C order as a double (exact for floats and for integers up to 2^53). */
  public double getDouble(int i) {
    java.util.Objects.checkIndex(i, size);
    return switch (type.type()) {
      case FLOAT16 -> Float16.toFloat(((short[]) data)[i]);
      case FLOAT32 -> ((float[]) data)[i];
      case FLOAT64 -> ((double[]) data)[i];
      case UINT64 -> {
        long v = ((long[]) data)[i];
        yield v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
      }
      default -> getLong(i);
    };
  }

  /** All elements as exact integers; for integer and bool arrays only. */
  public long[] toLongArray() {
    long[] a = new long[size];
    for (int i = 0; i < size; i++) {
      a[i] = getLong(i);
    }
    return a;
  }

  /**
   * All elements as floats: exact for float16 and float32 (and integers up to 2^24); float64 and wider integers are
   * rounded to the nearest float.
   */
  public float[] toFloatArray() {
    if (data instanceof float[] f) {
      return f.clone();
    }
    float[] a = new float[size];
    if (type.type() == NpyScalarType.FLOAT16) {
      short[] bits = (short[]) data;
      for (int i = 0; i < size; i++) {
        a[i] = Float16.toFloat(bits[i]);
      }
      return a;
    }
    for (int i = 0; i < size; i++) {
      a[i] = (float) getDouble(i);
    }
    return a;
  }

  /** The raw IEEE 754 half-precision bit patterns of a float16 array. */
  public short[] float16Bits() {
    if (type.type() != NpyScalarType.FLOAT16) {
      throw new IllegalStateException(type + " array is not float16");
    }
    return ((short[]) data).clone();
  }

  public double[] toDoubleArray() {
    if (data instanceof double[] d) {
      return d.clone();
    }
    double[] a = new double[size];
    for (int i = 0; i < size; i++) {
      a[i] = getDouble(i);
    }
    return a;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NpyArray a && type.type() == a.type.type() && Arrays.equals(shape, a.shape)
        && Arrays.deepEquals(new Object[] {data}, new Object[] {a.data});
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(shape) + Arrays.deepHashCode(new Object[] {data});
  }

  @Override
  public String toString() {
    return "NpyArray[" + type + " " + NpyHeader.shapeRepr(shape) + "]";
  }
}
