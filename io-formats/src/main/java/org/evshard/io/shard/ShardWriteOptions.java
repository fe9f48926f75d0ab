package org.evshard.io.shard;

/**
 * Immutable writer settings; change one with the {@code withX} copies.
 *
 * @param toolVersion version of the tool, stored as {@code evshard.tool_version} in the file metadata
 * @param parquetRowGroupBytes Parquet row group size target in bytes (buffered in memory before it is flushed)
 * @param arrowBatchRows Arrow IPC record batch: at most this many rows
 * @param arrowBatchEvents Arrow IPC record batch: flushed once it holds at least this many events
 * @param arrowAllocatorLimit byte limit of the Arrow writer's own allocator
 */
public record ShardWriteOptions(String toolVersion, long parquetRowGroupBytes, int arrowBatchRows,
    long arrowBatchEvents, long arrowAllocatorLimit) implements java.io.Serializable {

  public static final long DEFAULT_ROW_GROUP_BYTES = 64L << 20;
  public static final int DEFAULT_BATCH_ROWS = 256;
  public static final long DEFAULT_BATCH_EVENTS = 4L << 20;
  public static final long DEFAULT_ALLOCATOR_LIMIT = 1L << 30;

  public ShardWriteOptions {
    ShardSchema.metadata(toolVersion);
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
    return new ShardWriteOptions(toolVersion, bytes, arrowBatchRows, arrowBatchEvents, arrowAllocatorLimit);
  }

  public ShardWriteOptions withArrowBatch(int rows, long events) {
    return new ShardWriteOptions(toolVersion, parquetRowGroupBytes, rows, events, arrowAllocatorLimit);
  }

  public ShardWriteOptions withArrowAllocatorLimit(long bytes) {
    return new ShardWriteOptions(toolVersion, parquetRowGroupBytes, arrowBatchRows, arrowBatchEvents, bytes);
  }
}
