package org.evshard.io.tar;

/**
 * Size limits for reading a webdataset shard, checked against each entry's header before any of its bytes are read:
 * an entry larger than {@code maxEntryBytes} is skipped, a sample whose members would together exceed
 * {@code maxSampleBytes} is dropped whole. Both are counted in {@link TarSkipCounts}. Immutable.
 *
 * @param maxEntryBytes the largest member read into memory
 * @param maxSampleBytes the largest total of one sample's members held in memory at once
 */
public record TarLimits(long maxEntryBytes, long maxSampleBytes) implements java.io.Serializable {

  /** 64 MiB: far above any image webdataset tools write per member. */
  public static final long DEFAULT_MAX_ENTRY_BYTES = 64L << 20;
  /** 256 MiB per sample. */
  public static final long DEFAULT_MAX_SAMPLE_BYTES = 256L << 20;
  /** A Java array's limit. */
  public static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

  public TarLimits {
    if (maxEntryBytes < 0 || maxEntryBytes > MAX_ARRAY_BYTES) {
      throw new IllegalArgumentException("maxEntryBytes must be in [0, " + MAX_ARRAY_BYTES + "], got " + maxEntryBytes);
    }
    if (maxSampleBytes < 0) {
      throw new IllegalArgumentException("maxSampleBytes must be >= 0, got " + maxSampleBytes);
    }
  }

  public static TarLimits defaults() {
    return new TarLimits(DEFAULT_MAX_ENTRY_BYTES, DEFAULT_MAX_SAMPLE_BYTES);
  }

  public TarLimits withMaxEntryBytes(long bytes) {
    return new TarLimits(bytes, maxSampleBytes);
  }

  public TarLimits withMaxSampleBytes(long bytes) {
    return new TarLimits(maxEntryBytes, bytes);
  }
}
