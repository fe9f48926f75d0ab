package org.evshard.io.hdf5;

import io.jhdf.exceptions.HdfFilterException;
import io.jhdf.filter.Filter;
import io.jhdf.filter.FilterManager;
import io.jhdf.object.message.FilterPipelineMessage;
import java.util.List;

/**
 * The HDF5 Blosc filter (id 32001, hdf5-blosc's {@code blosc_filter.c}) for jhdf: decodes each chunk with
 * {@link BloscDecoder}. Real DSEC recordings compress every dataset with it (Blosc with the Zstd codec).
 *
 * <p>Registered through {@code META-INF/services/io.jhdf.filter.Filter}, which jhdf's {@link FilterManager} loads
 * with {@link java.util.ServiceLoader} when it is first used; {@link #register()} adds it where that class loader did
 * not see the file.
 *
 * <p>Filter data (the HDF5 cd_values): filter revision, Blosc version, typesize, the chunk's uncompressed size in
 * bytes, compression level, shuffle, compressor. The chunk size, when given, bounds {@code nbytes} (besides
 * {@link #MAX_CHUNK_BYTES}), and tells apart chunks HDF5 stored unfiltered: the filter is optional, so where Blosc
 * could not shrink a chunk (random data, or an 8-byte {@code t_offset}) HDF5 stores the chunk's bytes as they are and
 * sets the chunk's filter mask, which jhdf 0.13 does not read. A chunk exactly as long as the chunk size whose header
 * does not declare a Blosc chunk of exactly that size is therefore returned unchanged.
 */
public final class BloscFilter implements Filter {

  /** The filter id HDF5 registered for Blosc. */
  public static final int ID = 32001;
  /** Largest uncompressed chunk decoded: a damaged {@code nbytes} beyond it fails before any allocation. */
  public static final int MAX_CHUNK_BYTES = 256 << 20;

  /** Adds this filter to jhdf's registry unless it is there already. */
  public static void register() {
    try {
      FilterManager.getPipeline(List.of(new FilterPipelineMessage.FilterInfo(ID, "blosc", false, new int[0])));
    } catch (HdfFilterException missing) {
      FilterManager.addFilter(new BloscFilter());
    }
  }

  @Override
  public int getId() {
    return ID;
  }

  @Override
  public String getName() {
    return "blosc";
  }

  /**
   * Decodes one HDF5 chunk.
   *
   * @throws BloscFormatException when the chunk is damaged
   * @throws BloscCodecUnsupportedException when it is compressed with Snappy
   */
  @Override
  public byte[] decode(byte[] encoded, int[] filterData) {
    long chunkBytes = filterData != null && filterData.length > 3 ? Integer.toUnsignedLong(filterData[3]) : 0;
    int limit = MAX_CHUNK_BYTES;
    if (chunkBytes > 0) {
      if (encoded.length == chunkBytes && !BloscDecoder.declares(encoded, chunkBytes)) {
        return encoded; // stored unfiltered by HDF5 (filter mask set)
      }
      limit = (int) Math.min(limit, chunkBytes);
    }
    try {
      return BloscDecoder.decode(encoded, limit);
    } catch (BloscFormatException e) {
      throw new BloscFormatException("HDF5 Blosc chunk of " + encoded.length + " bytes"
          + (chunkBytes > 0 ? " (" + chunkBytes + " bytes uncompressed)" : "") + ": " + e.getMessage(), e);
    }
  }
}
