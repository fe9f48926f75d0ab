package org.evshard.io.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The x, y, t and p of a block of events read from the datasets' bytes ({@link DatasetBytes}) and taken by offset:
 * one compound dataset (Metavision's {@code CD/events}) or four column datasets (DSEC's {@code events/x, y, t, p}).
 * jhdf's own readers copy every member of every element through a {@link java.nio.ByteBuffer} (compounds) or allocate
 * and convert a new array per slice, and were most of the time spent on such files.
 *
 * <p>Used only where it is exact: values that are little-endian integers of 1, 2, 4 or 8 bytes using all their bits
 * (unsigned 64-bit excluded: jhdf reads those as {@code BigInteger}), compound elements of at most
 * {@value #MAX_ELEMENT_BYTES} bytes, and datasets {@link DatasetBytes} can read. Everything else, and a chunk the file
 * does not hold, goes through jhdf's readers.
 */
final class ByteColumns {

  /** Largest compound element read this way (the block's buffer is {@code BLOCK_EVENTS} elements). */
  static final int MAX_ELEMENT_BYTES = 64;

  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final String[] NAMES = {"x", "y", "t", "p"};

  /** One integer value of an element: where it lies and how it is widened. */
  record Member(int offset, int size, boolean signed) {

    /** The member for a value of {@code type} at {@code offset}, or null where jhdf's reader must be used. */
    static Member of(DataType type, int offset) {
      if (!(type instanceof FixedPoint f) || f.getByteOrder() != ByteOrder.LITTLE_ENDIAN || f.getBitOffset() != 0
          || f.getBitPrecision() != 8 * f.getSize()) {
        return null;
      }
      int size = f.getSize();
      boolean usable = size == 1 || size == 2 || size == 4 || size == 8 && f.isSigned();
      return usable ? new Member(offset, size, f.isSigned()) : null;
    }

    long get(byte[] b, int element) {
      int at = element + offset;
      return switch (size) {
        case 1 -> signed ? b[at] : b[at] & 0xFFL;
        case 2 -> signed ? (short) SHORT.get(b, at) : (short) SHORT.get(b, at) & 0xFFFFL;
        case 4 -> signed ? (int) INT.get(b, at) : (int) INT.get(b, at) & 0xFFFF_FFFFL;
        default -> (long) LONG.get(b, at); // 8 bytes, signed only (see of)
      };
    }
  }

  private final DatasetBytes[] sources; // one (compound) or four (x, y, t, p)
  private final Member[] members; // x, y, t, p
  private final byte[][] buffers;

  private ByteColumns(DatasetBytes[] sources, Member[] members, int blockEvents) {
    this.sources = sources;
    this.members = members;
    this.buffers = new byte[sources.length][];
    for (int k = 0; k < sources.length; k++) {
      buffers[k] = new byte[blockEvents * sources[k].elementBytes];
    }
  }

  /** x, y, t, p of compound dataset {@code d}, or null where jhdf's reader must be used. */
  static ByteColumns compound(Dataset d, boolean mapped, int blockEvents) {
    if (!(d.getDataType() instanceof CompoundDataType c) || c.getSize() > MAX_ELEMENT_BYTES) {
      return null;
    }
    Member[] members = new Member[4];
    for (CompoundDataType.CompoundDataMember m : c.getMembers()) {
      for (int k = 0; k < 4; k++) {
        if (NAMES[k].equals(m.getName())) {
          members[k] = Member.of(m.getDataType(), m.getOffset());
        }
      }
    }
    DatasetBytes bytes = DatasetBytes.of(d, c.getSize(), mapped);
    return bytes != null && complete(members) ? new ByteColumns(new DatasetBytes[] {bytes}, members, blockEvents)
        : null;
  }

  /** x, y, t, p of four column datasets, or null where jhdf's reader must be used. */
  static ByteColumns separate(Dataset[] xytp, boolean mapped, int blockEvents) {
    DatasetBytes[] sources = new DatasetBytes[4];
    Member[] members = new Member[4];
    for (int k = 0; k < 4; k++) {
      members[k] = Member.of(xytp[k].getDataType(), 0);
      if (members[k] == null) {
        return null;
      }
      sources[k] = DatasetBytes.of(xytp[k], members[k].size(), mapped);
      if (sources[k] == null) {
        return null;
      }
    }
    return new ByteColumns(sources, members, blockEvents);
  }

  private static boolean complete(Member[] members) {
    for (Member m : members) {
      if (m == null) {
        return false;
      }
    }
    return true;
  }

  /** The number of datasets read: 1 (compound) or 4. */
  int sources() {
    return sources.length;
  }

  /** The path of dataset {@code k}, for messages. */
  String path(int k) {
    return sources[k].path();
  }

  /**
   * Reads events {@code start .. start + len - 1} of dataset {@code k}; false when jhdf's reader must read them (a
   * missing chunk).
   */
  boolean read(int k, long start, int len) {
    return sources[k].read(start, len, buffers[k]);
  }

  /** Value {@code m} (0 x, 1 y, 2 t, 3 p) of event {@code i} of the block read last. */
  long get(int m, int i) {
    int k = sources.length == 1 ? 0 : m;
    return members[m].get(buffers[k], i * sources[k].elementBytes);
  }
}
