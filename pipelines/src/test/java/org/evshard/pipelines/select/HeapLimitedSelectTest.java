package org.evshard.pipelines.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.evshard.io.shard.Manifest;
import org.evshard.pipelines.cli.ChildJvm;
import org.evshard.pipelines.convert.ConvertJob;
import org.evshard.pipelines.convert.ConvertSettings;
import org.evshard.pipelines.convert.TestCorpora;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code select} in a child JVM with {@code -Xmx48m} on a Parquet shard whose one row group holds more than a
 * quarter of that heap: the run fails before reading it, naming the shard, the row group, its bytes, the limit and
 * the heap. Before the check the same run ended in an {@link OutOfMemoryError} inside parquet-mr, reported as "a
 * corrupt length in the file, or a heap too small for it".
 */
class HeapLimitedSelectTest {

  @TempDir
  Path tmp;

  @Test
  void aRowGroupTooLargeForTheHeapFailsTheRunByNameBeforeItIsRead() throws Exception {
    Path input = tmp.resolve("nmnist");
    TestCorpora.largeRecording(input.resolve("Train/0/00000.bin"), 2_000_000, 1);
    TestCorpora.largeRecording(input.resolve("Train/1/00000.bin"), 2_000_000, 2);
    Path shards = tmp.resolve("shards");
    ConvertJob.run(ConvertSettings.of("nmnist", input, shards).withShardsPerSplit(1));
    var shard = Manifest.read(shards.resolve(Manifest.FILE_NAME)).shards().get(0);
    Path file = shards.resolve(shard.path());
    long bytes = largestRowGroup(file);
    assertTrue(bytes > (48 << 20) / 4, "the row group holds only " + bytes + " bytes"); // over any 48m heap's quarter
    ChildJvm run = ChildJvm.evshard("48m", "select", "--input", shards.toString(), "--output",
        tmp.resolve("out").toString(), "--method", "random", "--fraction", "0.5", "--no-progress");
    assertNotEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains(file + " at byte "), run.output());
    assertTrue(run.output().contains("bytes of the columns read in row group 0 (read whole) of " + bytes
        + " exceeds the limit of "), run.output());
    assertTrue(run.output().contains("a quarter of this JVM's maximum heap ("), run.output());
    assertTrue(!run.output().contains("OutOfMemoryError") && !run.output().contains("ran out of memory"),
        run.output());
  }

  private static long largestRowGroup(Path file) throws Exception {
    try (ParquetFileReader r = ParquetFileReader.open(new org.apache.parquet.io.LocalInputFile(file))) {
      assertEquals(1, r.getFooter().getBlocks().size());
      long largest = 0;
      for (BlockMetaData block : r.getFooter().getBlocks()) {
        long sum = 0;
        for (ColumnChunkMetaData c : block.getColumns()) {
          sum += c.getTotalSize();
        }
        largest = Math.max(largest, sum);
      }
      return largest;
    }
  }
}
