package org.evshard.io.img2dataset;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.evshard.io.FuzzFile;
import org.evshard.io.error.EvshardIoException;

/**
 * img2dataset's sidecar JSON, stats JSON and parquet files from any bytes: each parser returns or throws an
 * {@link EvshardIoException}; nothing else escapes.
 */
class Img2DatasetParsersFuzzTest {

  @FuzzTest
  void parsesAnyBytesAsASidecar(byte[] input) {
    try {
      Img2DatasetJson.parse(input, "fuzz.json");
    } catch (EvshardIoException expected) {
      // content error
    }
  }

  @FuzzTest
  void parsesAnyBytesAsStats(byte[] input) {
    try {
      Img2DatasetStats s = Img2DatasetStats.parse(input, "fuzz_stats.json");
      if (s.count() < 0 || s.successes() < 0) {
        throw new AssertionError("negative count accepted: " + s);
      }
    } catch (EvshardIoException expected) {
      // content error
    }
  }

  @FuzzTest
  void readsAnyBytesAsAParquetLayout(byte[] input) throws IOException {
    try (FuzzFile fuzz = FuzzFile.of(input, ".parquet")) {
      Path file = fuzz.path();
      try (Img2DatasetParquetReader r = Img2DatasetParquetReader.open(file, "txt", 1 << 16)) {
        for (Optional<Img2DatasetSample> s = r.next(); s.isPresent(); s = r.next()) {
          s.get().fields();
        }
      } catch (EvshardIoException expected) {
        // content error
      }
    }
  }
}
