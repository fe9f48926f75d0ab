package org.evshard.io.shard;

/**
 * Immutable writer settings; change one with the {@code withX} copies.
 *
 * @param toolVersion version of the tool, stored as {@code evshard.tool_version} in the file metadata
 * @param parquetRowGroupBytes Parquet row group size target in bytes (buffered in memory before it is flushed)
 * @param arrowBatchRows Arrow IPC record batch: at most this many rows
 * @param arrowBatchEvents Arrow IPC record batch: flushed once it holds at least this many events
 * @param arrowAllocatorLimit byte limit of the Arrow writer's own allocator
 * @param layout event lists or a tensor column ({@link ShardLayout})
 * @param transforms transform specs the rows went through, recorded in the file metadata (may be empty)
 */
public record ShardWriteOptions(String toolVersion, long parquetRowGroupBytes, int arrowBatchRows,
    long arrowBatchEvents, long arrowAllocatorLimit, ShardLayout layout, java.util.List<String> transforms)
    implements java.io.Serializable {

  public static final long DEFAULT_ROW_GROUP_BYTES = 64L << 20;
  public static final int DEFAULT_BATCH_ROWS = 256;
  public static final long DEFAULT_BATCH_EVENTS = 4L << 20;
  public static final long DEFAULT_ALLOCATOR_LIMIT = 1L << 30;

  public ShardWriteOptions(String toolVersion, long parquetRowGroupBytes, int arrowBatchRows, long arrowBatchEvents,
      long arrowAllocatorLimit) {
    this(toolVersion, parquetRowGroupBytes, arrowBatchRows, arrowBatchEvents, arrowAllocatorLimit,
        ShardLayout.events(), java.util.List.of());
  }

  public ShardWriteOptions {
    ShardSchema.metadata(toolVersion);
    layout = layout == null ? ShardLayout.events() : layout;
    transforms = java.util.List.copyOf(transforms == null ? java.util.List.of() : transforms);
    if (parquetRowGroupBytes < 1024) {
      throw new IllegalArgumentException("parquet row group size must be at least 1024 bytes, got "
          + parquetRowGroupBytes);
    }
    if (arrowBatchRows <= 0 || arrowBatchEvents <= 0) {
      throw new IllegalArgumentException("arrow batch rows and events must be positive, got " + arrowBatchRows
          + " rows, " + arrowBatchEvents + " events");
    }
    if (arrowAllocatorLimit < (1 << 20)) {
      throw new IllegalArgumentException("arrow allocator limit must be at least 1 MiB, got " + arrowAllocatorLimit);
    }
  }

  /** Defaults for the given tool version. */
  public static ShardWriteOptions defaults(String toolVersion) {
    return new ShardWriteOptions(toolVersion, DEFAULT_ROW_GROUP_BYTES, DEFAULT_BATCH_ROWS, DEFAULT_BATCH_EVENTS,
        DEFAULT_ALLOCATOR_LIMIT);
  }

  public ShardWriteOptions withParquetRowGroupBytes(long bytes) {
    return new ShardWriteOptions(toolVersion, bytes, arrowBatchRows, arrowBatchEvents, arrowAllocatorLimit, layout,
        transforms);
  }

  public ShardWriteOptions withArrowBatch(int rows, long events) {
    return new ShardWriteOptions(toolVersion, parquetRowGroupBytes, rows, events, arrowAllocatorLimit, layout,
        transforms);
  }

  public ShardWriteOptions withArrowAllocatorLimit(long bytes) {
    return new ShardWriteOptions(toolVersion, parquetRowGroupBytes, arrowBatchRows, arrowBatchEvents, bytes, layout,
        transforms);
  }

  /**
   * The row group size a Parquet writer in this JVM uses: {@link #parquetRowGroupBytes}, or a sixteenth of this JVM's
   * maximum heap if that is less ({@link #rowGroupBytesFor}). Evaluated where the writer runs (a worker), not where
   * the options were made.
   */
  public long parquetRowGroupBytesInThisJvm() {
    return rowGroupBytesFor(parquetRowGroupBytes, Runtime.getRuntime().maxMemory());
  }

  /**
   * {@code configured}, but at most a sixteenth of {@code maxHeap} (and at least 1 MiB, or {@code configured} if that
   * is less). A Parquet writer holds its row group's encoded pages in the heap until the group is flushed, and every
   * worker thread of a JVM may have a writer open: with 64 MiB row groups a conversion of 30,000 N-MNIST recordings
   * (shards of 42 MB) ran out of memory with {@code -Xmx128m}, two workers each holding about 40 MB of pages.
   */
  static long rowGroupBytesFor(long configured, long maxHeap) {
    return Math.min(configured, Math.max(1L << 20, maxHeap / 16));
  }

  /** These options for shards of {@code l} whose rows went through {@code specs}. */
  public ShardWriteOptions withLayout(ShardLayout l, java.util.List<String> specs) {
    return new ShardWriteOptions(toolVersion, parquetRowGroupBytes, arrowBatchRows, arrowBatchEvents,
        arrowAllocatorLimit, l, specs);
  }
}
