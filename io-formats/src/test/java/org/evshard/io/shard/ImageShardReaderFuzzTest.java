package org.evshard.io.shard;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evshard.io.error.EvshardIoException;

/**
 * Parquet image shards from any bytes, as `select` and `distill` read the image shards a user names: opening and
 * every row either work or throw an {@link EvshardIoException}; nothing else escapes. Seed: a three-row image shard of
 * evshard's writer ({@code ImageShardReaderFuzzTestInputs/readsAnyBytesAsAnImageShard/three_rows}).
 */
class ImageShardReaderFuzzTest {

  @FuzzTest
  void readsAnyBytesAsAnImageShard(byte[] input) throws IOException {
    Path file = Files.createTempFile("fuzz", ".parquet");
    try {
      Files.write(file, input);
      try (ImageShardReader r = new ImageShardReader(file)) {
        while (r.next() != null) {
          // every row decoded
        }
      } catch (EvshardIoException expected) {
        // content error
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
