package org.evshard.io.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.FixedPoint;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The records of a one-dimensional compound event dataset (Metavision's {@code CD/events}) read as bytes, a chunk at
 * a time through the dataset's filters ({@link ChunkedDataset#getDecompressedChunk}) or sliced from a mapped
 * contiguous dataset, with the members x, y, t and p found by offset: jhdf's own compound reader copies every member
 * of every element through a {@link ByteBuffer} and was most of the time spent on such files.
 *
 * <p>Used only where it is exact: members that are little-endian integers of 1, 2, 4 or 8 bytes using all their bits,
 * elements of at most {@value #MAX_ELEMENT_BYTES} bytes, and a chunked dataset with one-dimensional chunks or a
 * contiguous one in a memory-mapped file (where jhdf slices the mapping instead of reading the dataset into memory).
 * Everything else, and a chunk the file does not hold (jhdf gives its fill value), goes through jhdf's reader.
 */
final class CompoundEventRecords {

  /** Largest element read this way (the block's scratch is {@code BLOCK_EVENTS} elements). */
  static final int MAX_ELEMENT_BYTES = 64;

  private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** One integer member: where it lies in the element and how it is widened. */
  record Member(int offset, int size, boolean signed) {

    long get(byte[] b, int element) {
      int at = element + offset;
      return switch (size) {
        case 1 -> signed ? b[at] : b[at] & 0xFFL;
        case 2 -> signed ? (short) SHORT.get(b, at) : (short) SHORT.get(b, at) & 0xFFFFL;
        case 4 -> signed ? (int) INT.get(b, at) : (int) INT.get(b, at) & 0xFFFF_FFFFL;
        default -> (long) LONG.get(b, at); // 8 bytes, signed only (see member)
      };
    }
  }

  final Member x;
  final Member y;
  final Member t;
  final Member p;
  final int elementBytes;
  private final Dataset dataset;
  private final int chunkElements; // 0: contiguous
  private long cachedChunk = -1;
  private byte[] cached;

  private CompoundEventRecords(Dataset dataset, int elementBytes, Member[] members, int chunkElements) {
    this.dataset = dataset;
    this.elementBytes = elementBytes;
    this.x = members[0];
    this.y = members[1];
    this.t = members[2];
    this.p = members[3];
    this.chunkElements = chunkElements;
  }

  /** The byte reader for {@code d}, or null where jhdf's reader must be used (see the class comment). */
  static CompoundEventRecords of(Dataset d, boolean mapped) {
    if (!(d.getDataType() instanceof CompoundDataType c) || d.getDimensions().length != 1
        || c.getSize() > MAX_ELEMENT_BYTES) {
      return null;
    }
    int chunkElements;
    if (d instanceof ChunkedDataset cd && cd.getChunkDimensions().length == 1 && cd.getChunkDimensions()[0] > 0) {
      chunkElements = cd.getChunkDimensions()[0];
    } else if (d instanceof ContiguousDataset && mapped) {
      chunkElements = 0;
    } else {
      return null;
    }
    String[] names = {"x", "y", "t", "p"};
    Member[] members = new Member[4];
    for (CompoundDataType.CompoundDataMember m : c.getMembers()) {
      for (int k = 0; k < 4; k++) {
        if (names[k].equals(m.getName())) {
          members[k] = member(m);
          if (members[k] == null) {
            return null;
          }
        }
      }
    }
    for (Member m : members) {
      if (m == null) {
        return null;
      }
    }
    return new CompoundEventRecords(d, c.getSize(), members, chunkElements);
  }

  private static Member member(CompoundDataType.CompoundDataMember m) {
    if (!(m.getDataType() instanceof FixedPoint f) || f.getByteOrder() != ByteOrder.LITTLE_ENDIAN
        || f.getBitOffset() != 0 || f.getBitPrecision() != 8 * f.getSize()) {
      return null;
    }
    int size = f.getSize();
    boolean usable = size == 1 || size == 2 || size == 4 || size == 8 && f.isSigned(); // jhdf: u8 is BigInteger
    return usable ? new Member(m.getOffset(), size, f.isSigned()) : null;
  }

  /**
   * Copies elements {@code start .. start + len - 1} into {@code dst} ({@code len x elementBytes} bytes); false when
   * a chunk they lie in is missing from the file.
   */
  boolean read(long start, int len, byte[] dst) {
    if (start + len > Integer.MAX_VALUE) {
      return false; // chunk offsets are ints in jhdf's API; its reader takes longs
    }
    if (chunkElements == 0) {
      ByteBuffer all;
      try {
        all = ((ContiguousDataset) dataset).getBuffer();
      } catch (HdfException unallocated) {
        return false;
      }
      all.get((int) (start * elementBytes), dst, 0, len * elementBytes);
      return true;
    }
    long end = start + len;
    int out = 0;
    for (long e = start; e < end; ) {
      long k = e / chunkElements;
      byte[] chunk = chunk(k);
      if (chunk == null) {
        return false;
      }
      long chunkStart = k * chunkElements;
      int from = (int) (e - chunkStart);
      int n = (int) Math.min(end - e, chunkElements - from);
      int bytes = n * elementBytes;
      if ((long) (from + n) * elementBytes > chunk.length) {
        throw new IllegalStateException("chunk " + k + " of " + dataset.getPath() + " decoded to " + chunk.length
            + " bytes, expected " + (long) chunkElements * elementBytes);
      }
      System.arraycopy(chunk, from * elementBytes, dst, out, bytes);
      out += bytes;
      e += n;
    }
    return true;
  }

  /** Chunk {@code k} through the filters; the last one is kept, as a read block's edge chunk is needed twice. */
  private byte[] chunk(long k) {
    if (k != cachedChunk) {
      try {
        cached = ((ChunkedDataset) dataset).getDecompressedChunk(new int[] {(int) (k * chunkElements)});
      } catch (HdfException missing) {
        if (missing.getCause() != null) {
          throw missing;
        }
        return null;
      }
      cachedChunk = k;
    }
    return cached;
  }
}
