package org.evshard.io.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;

/**
 * Which chunks of a one-dimensional chunked dataset the file holds, from the dataset's chunk index, so that a slice
 * read through jhdf's own readers (big-endian or float members, Metavision's triggers) is refused where it reaches a
 * chunk never written: jhdf, as HDF5, reads such a chunk as the fill value (made-up events at x = y = t = 0, a million
 * made-up triggers from a 63 KB file). {@link DatasetBytes} finds them on the byte path as it decodes.
 */
final class HeldChunks {

  private final String path;
  private final int chunkElements;
  private final java.util.BitSet held; // by chunk index

  private HeldChunks(String path, int chunkElements, java.util.BitSet held) {
    this.path = path;
    this.chunkElements = chunkElements;
    this.held = held;
  }

  /**
   * The chunks {@code d} holds; null when that is not known or nothing can be missing: not chunked in one dimension,
   * an index this jhdf keeps elsewhere, or more chunks than a bit set indexes.
   */
  static HeldChunks of(Dataset d) {
    if (d.getDimensions().length != 1 || !(d instanceof ChunkedDataset cd) || cd.getChunkDimensions().length != 1
        || cd.getChunkDimensions()[0] <= 0 || !(d instanceof io.jhdf.dataset.chunked.ChunkedDatasetBase)) {
      return null;
    }
    int chunkElements = cd.getChunkDimensions()[0];
    if (d.getDimensionsAsLong()[0] / chunkElements >= Integer.MAX_VALUE) {
      return null;
    }
    java.util.BitSet held = new java.util.BitSet();
    try {
      java.lang.reflect.Method lookup = io.jhdf.dataset.chunked.ChunkedDatasetBase.class
          .getDeclaredMethod("getChunkLookup");
      lookup.setAccessible(true);
      for (Object o : ((java.util.Map<?, ?>) lookup.invoke(d)).values()) {
        long first = ((io.jhdf.dataset.chunked.Chunk) o).getChunkOffset()[0];
        if (first % chunkElements == 0 && first / chunkElements < Integer.MAX_VALUE) {
          held.set((int) (first / chunkElements));
        }
      }
    } catch (ReflectiveOperationException | ClassCastException e) {
      return null; // not this jhdf's layout: not known
    }
    return new HeldChunks(d.getPath(), chunkElements, held);
  }

  /** Throws {@link DatasetBytes.MissingChunkException} for the first chunk of elements {@code [start, start + len)} the file does not hold. */
  void require(long start, int len) {
    if (len <= 0) {
      return;
    }
    long last = (start + len - 1) / chunkElements;
    for (long k = start / chunkElements; k <= last; k++) {
      if (!held.get((int) k)) {
        throw new DatasetBytes.MissingChunkException(path, k, k * chunkElements);
      }
    }
  }
}
