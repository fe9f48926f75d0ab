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

  /** A chunk of a chunked dataset that the file does not hold (its index and first element). */
  static final class MissingChunkException extends RuntimeException {
    final long firstElement;

    MissingChunkException(String path, long chunk, long firstElement) {
      super("chunk " + chunk + " of " + path + " (from element " + firstElement + ") is not in the file");
      this.firstElement = firstElement;
    }
  }

  /** A chunk whose decoded bytes (its elements times their size) pass {@link #MAX_CHUNK_BYTES}. */
  static final class ChunkTooLargeException extends RuntimeException {
    final long bytes;

    ChunkTooLargeException(String path, long bytes) {
      super("decoded chunk size of " + path);
      this.bytes = bytes;
    }
  }

  /**
   * Largest decoded chunk read (64 MiB): a 2.5 MB file of deflated chunks of 2 x 10^8 zeros was inflated whole, 1.6 GB
   * for t alone, until the heap was gone. Checked from the dataset's chunk shape before anything is read.
   */
  static final long MAX_CHUNK_BYTES = 64L << 20;

  final int elementBytes;
  private final Dataset dataset;
  private final int chunkElements; // 0: contiguous
  private long cachedChunk = -1;
  private byte[] cached;
  private java.util.Map<Long, java.util.BitSet> masks;

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
   * the slice lies beyond the int offsets of jhdf's chunk API. A chunk they lie in that the file does not hold raises
   * {@link MissingChunkException}: HDF5 reads it as its fill value, which for events would be made-up events at
   * x = y = t = 0 (a recording not closed properly, or a dataspace that claims more than was written).
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
        throw new MissingChunkException(dataset.getPath(), k, k * chunkElements);
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
      if ((long) chunkElements * elementBytes > MAX_CHUNK_BYTES) {
        throw new ChunkTooLargeException(dataset.getPath(), (long) chunkElements * elementBytes);
      }
      try {
        java.util.BitSet mask = masks().get(k);
        cached = mask == null ? ((ChunkedDataset) dataset).getDecompressedChunk(new int[] {(int) (k * chunkElements)})
            : decodedSkipping(k, mask);
      } catch (HdfException missing) {
        // jhdf's own words for a chunk its index does not list; a filter's failure (HdfFilterException) is not one
        if (missing.getCause() != null || missing instanceof io.jhdf.exceptions.HdfFilterException
            || missing.getMessage() == null || !missing.getMessage().startsWith("No chunk with offset")) {
          throw missing;
        }
        return null;
      }
      cachedChunk = k;
    }
    return cached;
  }

  /**
   * The chunks stored with some of the pipeline's filters skipped (their filter mask, bit n for the n-th filter), by
   * index. jhdf 0.13 reads chunks' masks but runs every filter on every chunk: a shuffled-and-deflated {@code t} whose
   * chunk HDF5 stored deflated only came out as wild timestamps, exit 0. jhdf keeps the masks behind a protected
   * method, read here by reflection; where that fails (another jhdf) the masks are not known and not applied.
   */
  private java.util.Map<Long, java.util.BitSet> masks() {
    if (masks == null) {
      java.util.Map<Long, java.util.BitSet> found = new java.util.HashMap<>();
      if (dataset instanceof io.jhdf.dataset.chunked.ChunkedDatasetBase) {
        try {
          java.lang.reflect.Method lookup = io.jhdf.dataset.chunked.ChunkedDatasetBase.class
              .getDeclaredMethod("getChunkLookup");
          lookup.setAccessible(true);
          for (Object o : ((java.util.Map<?, ?>) lookup.invoke(dataset)).values()) {
            io.jhdf.dataset.chunked.Chunk c = (io.jhdf.dataset.chunked.Chunk) o;
            if (c.getFilterMask() != null && !c.getFilterMask().isEmpty()) {
              found.put(c.getChunkOffset()[0] / chunkElements, c.getFilterMask());
            }
          }
        } catch (ReflectiveOperationException | ClassCastException e) {
          // not this jhdf's layout: masks unknown
        }
      }
      masks = found;
    }
    return masks;
  }

  /** Chunk {@code k}'s stored bytes through the filters its mask does not skip, last filter first. */
  private byte[] decodedSkipping(long k, java.util.BitSet mask) {
    ByteBuffer raw = ((ChunkedDataset) dataset).getRawChunkBuffer(new int[] {(int) (k * chunkElements)});
    byte[] bytes = new byte[raw.remaining()];
    raw.get(bytes);
    java.util.List<io.jhdf.filter.PipelineFilterWithData> filters =
        ((io.jhdf.dataset.chunked.ChunkedDatasetBase) dataset).getFilters();
    try {
      java.lang.reflect.Method decode = io.jhdf.filter.PipelineFilterWithData.class.getDeclaredMethod("decode",
          byte[].class);
      decode.setAccessible(true);
      for (int f = filters.size() - 1; f >= 0; f--) {
        if (!mask.get(f)) {
          bytes = (byte[]) decode.invoke(filters.get(f), (Object) bytes);
        }
      }
    } catch (java.lang.reflect.InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new io.jhdf.exceptions.HdfFilterException("chunk " + k + " of " + dataset.getPath() + ": " + e.getCause(),
          e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new io.jhdf.exceptions.HdfFilterException("chunk " + k + " of " + dataset.getPath() + " skips filters "
          + mask + ", which this jhdf cannot apply one by one");
    }
    return bytes;
  }
}
