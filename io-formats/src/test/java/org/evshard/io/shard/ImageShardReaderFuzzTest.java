package org.evshard.io.shard;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.evshard.io.FuzzFile;
import org.evshard.io.error.EvshardIoException;

/**
 * Parquet and Arrow IPC image shards from any bytes, as `select` and `distill` read the image shards a user names:
 * opening and every row either work or throw an {@link EvshardIoException}; nothing else escapes. Seeds: a three-row
 * image shard of evshard's writer in each format ({@code ImageShardReaderFuzzTestInputs/<method>/three_rows}).
 */
class ImageShardReaderFuzzTest {

  @FuzzTest
  void readsAnyBytesAsAnImageShard(byte[] input) throws IOException {
    readsAnyBytes(input, ".parquet");
  }

  @FuzzTest
  void readsAnyBytesAsAnArrowImageShard(byte[] input) throws IOException {
    readsAnyBytes(input, ".arrow");
  }

  private static void readsAnyBytes(byte[] input, String extension) throws IOException {
    try (FuzzFile fuzz = FuzzFile.of(input, extension)) {
      Path file = fuzz.path();
      try (ImageShardReader r = new ImageShardReader(file)) {
        while (r.next() != null) {
          // every row decoded
        }
      } catch (EvshardIoException expected) {
        // content error
      }
    }
  }
}
