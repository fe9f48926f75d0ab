package org.evshard.io.npy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Reads one integer or bool scalar of any supported width and byte order from a byte array. */
final class NpyCodec {

  private static final VarHandle SHORT_LE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private NpyCodec() {}

  /**
   * The value at {@code off} as a long; uint64 values above {@code Long.MAX_VALUE} come back negative, which callers
   * that need non-negative values reject. Bool gives 0 or 1 (any nonzero byte is true).
   */
  static long readInteger(byte[] b, int off, NpyElementType t) {
    boolean le = t.order() == ByteOrder.LITTLE_ENDIAN;
    return switch (t.type()) {
      case BOOL -> b[off] != 0 ? 1 : 0;
      case INT8 -> b[off];
      case UINT8 -> b[off] & 0xFF;
      case INT16 -> le ? (short) SHORT_LE.get(b, off) : (short) SHORT_BE.get(b, off);
      case UINT16 -> (le ? (short) SHORT_LE.get(b, off) : (short) SHORT_BE.get(b, off)) & 0xFFFF;
      case INT32 -> le ? (int) INT_LE.get(b, off) : (int) INT_BE.get(b, off);
      case UINT32 -> (le ? (int) INT_LE.get(b, off) : (int) INT_BE.get(b, off)) & 0xFFFF_FFFFL;
      case INT64, UINT64 -> le ? (long) LONG_LE.get(b, off) : (long) LONG_BE.get(b, off);
      default -> throw new IllegalArgumentException(t + " is not an integer type");
    };
  }

  static void writeShortLe(byte[] b, int off, short v) {
    SHORT_LE.set(b, off, v);
  }

  static void writeLongLe(byte[] b, int off, long v) {
    LONG_LE.set(b, off, v);
  }
}
