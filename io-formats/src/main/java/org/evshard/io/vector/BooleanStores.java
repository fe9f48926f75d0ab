package org.evshard.io.vector;

import java.lang.reflect.Field;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Stores into a {@code boolean[]} eight elements at a time. JDK 17's Vector API stores booleans only through
 * {@code VectorMask.intoArray}, which builds a {@code boolean[]} per call and copies it (not compiled to a vector
 * store; {@code ByteVector.intoBooleanArray} comes with JDK 18): in the ATIS vector loop that took a quarter of the
 * time. Here each long of 0/1 bytes is one 8-byte store through {@code sun.misc.Unsafe}, after one bounds check of the
 * whole range. Only where a {@code boolean} element is one byte and the platform is little endian (the lowest byte of
 * a long lands at the lowest index), which {@link #AVAILABLE} tells.
 */
public final class BooleanStores {

  private static final sun.misc.Unsafe UNSAFE = unsafe();
  private static final long BASE = UNSAFE == null ? 0 : UNSAFE.arrayBaseOffset(boolean[].class);
  /** Whether {@link #putLongs} may be called. */
  public static final boolean AVAILABLE = UNSAFE != null && UNSAFE.arrayIndexScale(boolean[].class) == 1
      && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

  private BooleanStores() {}

  /**
   * Writes {@code 8 * count} booleans to {@code dst[at ..]}: the bytes of {@code bytes[0 .. count)}, lowest byte
   * first, each 0 (false) or 1 (true); nothing else may be stored in a {@code boolean}.
   *
   * @throws IndexOutOfBoundsException before any store when the range passes either end of {@code dst}
   */
  public static void putLongs(boolean[] dst, int at, long[] bytes, int count) {
    Objects.checkFromIndexSize(at, 8 * count, dst.length);
    Objects.checkFromIndexSize(0, count, bytes.length);
    for (int q = 0; q < count; q++) {
      UNSAFE.putLong(dst, BASE + at + 8L * q, bytes[q]);
    }
  }

  private static sun.misc.Unsafe unsafe() {
    try {
      Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      return (sun.misc.Unsafe) f.get(null);
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return null;
    }
  }
}
