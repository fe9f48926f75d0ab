package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestVerifier;
import org.evshard.pipelines.cli.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard too large to buffer a default row group in the worker's heap is written in smaller row groups: {@code
 * evshard convert} in a child JVM with {@code -Xmx64m} on an N-MNIST layout of 40 recordings of 300,000 random events
 * (60 MB of {@code .bin}), one shard per split, so the train shard holds about 40 MB. Before the writers capped their
 * row groups at a sixteenth of the heap ({@code ShardWriteOptions.parquetRowGroupBytesInThisJvm}) the whole shard was
 * one row group buffered in the heap, and the run ended in an {@link OutOfMemoryError} ("pipeline ended RUNNING, not
 * DONE").
 */
class HeapLimitedWriteTest {

  @TempDir
  Path tmp;

  @Test
  void aShardLargerThanTheHeapAllowsIsWrittenInSmallerRowGroups() throws Exception {
    Path input = tmp.resolve("nmnist");
    for (int d = 0; d < 10; d++) {
      for (int i = 0; i < 4; i++) {
        TestCorpora.largeRecording(input.resolve(String.format(Locale.ROOT, "Train/%d/%05d.bin", d, i)), 300_000,
            10L * d + i);
      }
    }
    Path output = tmp.resolve("out");
    ChildJvm run = ChildJvm.evshard("64m", "convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        output.toString(), "--shards-per-split", "1", "--no-progress");
    assertEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains("converted 40 samples: 40 written in 1 shard, 0 rejected"), run.output());
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve(Manifest.FILE_NAME)));
    Path shard = output.resolve(Manifest.read(output.resolve(Manifest.FILE_NAME)).shards().get(0).path());
    long total = 0;
    long largest = 0;
    int groups = 0;
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(shard))) {
      for (BlockMetaData block : r.getFooter().getBlocks()) {
        long bytes = 0;
        for (ColumnChunkMetaData c : block.getColumns()) {
          bytes += c.getTotalSize();
        }
        total += bytes;
        largest = Math.max(largest, bytes);
        groups++;
      }
    }
    assertTrue(total > 30 << 20, "the shard holds only " + total + " bytes");
    // a sixteenth of 64 MiB is 4 MiB; a group ends at the first row that reaches it (a row here is about 1 MB)
    assertTrue(largest < 6 << 20, groups + " row groups, the largest of " + largest + " bytes");
  }
}
