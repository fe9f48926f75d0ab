package org.evshard.io.shard;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.evshard.io.FuzzFile;
import org.evshard.io.error.EvshardIoException;

/**
 * Event shards from any bytes, as `select`, `distill` and `verify` read files a user names: opening, the footer's row
 * count and labels, and every row either work or throw an {@link EvshardIoException}; nothing else escapes. Seeds:
 * three-row shards of evshard's writer in the events, tensor and static-partner layouts
 * ({@code ParquetShardReaderFuzzTestInputs/readsAnyBytesAsAShard/}).
 */
class ParquetShardReaderFuzzTest {

  @FuzzTest
  void readsAnyBytesAsAShard(byte[] input) throws IOException {
    try (FuzzFile fuzz = FuzzFile.of(input, ".parquet")) {
      Path file = fuzz.path();
      try {
        ParquetShardReader.rowCount(file);
        ParquetShardReader.readLabels(file);
        try (ParquetShardReader r = new ParquetShardReader(file)) {
          while (r.hasNext()) {
            r.next();
          }
        }
      } catch (EvshardIoException expected) {
        // content error
      }
    }
  }
}
