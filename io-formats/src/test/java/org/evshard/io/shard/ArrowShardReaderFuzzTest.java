package org.evshard.io.shard;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.evshard.io.FuzzFile;
import org.evshard.io.error.EvshardIoException;

/**
 * Arrow IPC event shards from any bytes, as `select`, `distill` and `verify` read files a user names: the footer's row
 * count, the labels, and every row either work or throw an {@link EvshardIoException}; nothing else escapes. Seeds:
 * three-row shards of evshard's writer in the events, tensor, fixed-shape tensor and static-partner layouts
 * ({@code ArrowShardReaderFuzzTestInputs/readsAnyBytesAsAnArrowShard/}).
 */
class ArrowShardReaderFuzzTest {

  @FuzzTest
  void readsAnyBytesAsAnArrowShard(byte[] input) throws IOException {
    try (FuzzFile fuzz = FuzzFile.of(input, ".arrow")) {
      Path file = fuzz.path();
      try {
        ArrowShardReader.rowCount(file);
      } catch (EvshardIoException expected) {
        // content error
      }
      try (ArrowShardReader r = new ArrowShardReader(file, 1L << 24)) {
        while (r.hasNext()) {
          r.next();
        }
      } catch (EvshardIoException expected) {
        // content error
      }
      try {
        ArrowShardReader.readLabels(file);
      } catch (EvshardIoException expected) {
        // content error
      }
    }
  }
}
