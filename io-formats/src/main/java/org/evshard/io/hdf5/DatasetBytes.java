package org.evshard.io.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.exceptions.HdfException;
import java.nio.ByteBuffer;

/**
 * The element bytes of a slice of a one-dimensional dataset: a chunk at a time through the dataset's filters
 * ({@link ChunkedDataset#getDecompressedChunk}; the last chunk is kept, as a read block's edge chunk is needed twice),
 * or sliced from a contiguous dataset of a memory-mapped file (where jhdf slices the mapping instead of reading the
 * whole dataset into memory).
 */
final class DatasetBytes {

  final int elementBytes;
  private final Dataset dataset;
  private final int chunkElements; // 0: contiguous
  private long cachedChunk = -1;
  private byte[] cached;

  private DatasetBytes(Dataset dataset, int elementBytes, int chunkElements) {
    this.dataset = dataset;
    this.elementBytes = elementBytes;
    this.chunkElements = chunkElements;
  }

  String path() {
    return dataset.getPath();
  }

  /** The byte reader of {@code d}, or null for anything but the two forms above. */
  static DatasetBytes of(Dataset d, int elementBytes, boolean mapped) {
    if (d.getDimensions().length != 1) {
      return null;
    }
    if (d instanceof ChunkedDataset cd && cd.getChunkDimensions().length == 1 && cd.getChunkDimensions()[0] > 0) {
      return new DatasetBytes(d, elementBytes, cd.getChunkDimensions()[0]);
    }
    return d instanceof ContiguousDataset && mapped ? new DatasetBytes(d, elementBytes, 0) : null;
  }

  /**
   * Copies elements {@code start .. start + len - 1} into {@code dst} ({@code len x elementBytes} bytes); false when
   * a chunk they lie in is missing from the file (jhdf's reader gives its fill value) or the slice lies beyond the
   * int offsets of jhdf's chunk API.
   */
  boolean read(long start, int len, byte[] dst) {
    if (start + len > Integer.MAX_VALUE) {
      return false;
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
      int from = (int) (e - k * chunkElements);
      int n = (int) Math.min(end - e, chunkElements - from);
      if ((long) (from + n) * elementBytes > chunk.length) {
        throw new IllegalStateException("chunk " + k + " of " + dataset.getPath() + " decoded to " + chunk.length
            + " bytes, expected " + (long) chunkElements * elementBytes);
      }
      System.arraycopy(chunk, from * elementBytes, dst, out, n * elementBytes);
      out += n * elementBytes;
      e += n;
    }
    return true;
  }

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
