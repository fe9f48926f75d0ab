package org.evshard.pipelines.convert;

import java.util.Arrays;
import org.evshard.io.shard.ShardTensor;
import org.evshard.transforms.OutputBudget;
import org.evshard.transforms.OutputTooLargeException;

/**
 * The largest tensor one shard row may carry in this JVM. A kernel may build a tensor of up to a quarter of the heap
 * ({@link OutputBudget}), but writing it holds more copies at once: the Parquet writer's value buffer, the encoded
 * page, the compressed page and parquet-mr's copy of it, next to the tensor itself. Measured on a 138 MB float64
 * time surface (2026-11-29): {@code convert} ran out of memory at {@code -Xmx760m} (5.5 times the tensor) and passed at
 * {@code -Xmx820m} (5.9 times). So a row may hold at most a sixth of the maximum heap, and at most
 * {@link #MAX_PAGE_BYTES} (a Parquet page's size is a 32-bit number); a larger one is rejected at the transform stage
 * instead of ending the run with an {@link OutOfMemoryError} that loses every sample.
 */
final class TensorRowLimit {

  /** Heap per byte of tensor that writing a row needs (measured above, rounded up). */
  static final int WRITE_COPIES = 6;

  /** What one Parquet page may hold, with room for its header: a tensor row is one page. */
  static final long MAX_PAGE_BYTES = Integer.MAX_VALUE - (1 << 20);

  private TensorRowLimit() {}

  /** The most tensor bytes a row may take in this JVM. */
  static long maxBytes() {
    return Math.min(MAX_PAGE_BYTES, Runtime.getRuntime().maxMemory() / WRITE_COPIES);
  }

  /** Passes when {@code t} fits {@link #maxBytes()}; else throws naming its shape, its size and the limit. */
  static void check(String transform, ShardTensor t) {
    long bytes = (long) t.size() * elementBytes(t.dtype());
    long max = maxBytes();
    if (bytes > max) {
      throw new OutputTooLargeException(transform + ": output tensor of shape " + Arrays.toString(t.shape())
          + " takes " + OutputBudget.mebibytes(bytes) + "; a shard row may hold at most "
          + OutputBudget.mebibytes(max) + " ("
          + (max == MAX_PAGE_BYTES ? "the most one Parquet page holds" : "a sixth of this JVM's maximum heap of "
          + OutputBudget.maxHeap() + ", as writing it holds about six copies") + "); " + OutputBudget.MORE_HEAP
          + " or ask for a smaller output");
    }
  }

  static int elementBytes(ShardTensor.Dtype dtype) {
    return switch (dtype) {
      case INT16 -> Short.BYTES;
      case FLOAT32 -> Float.BYTES;
      case INT64, FLOAT64 -> Long.BYTES;
    };
  }
}
