package org.evshard.io.datacomp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.evshard.io.FuzzFile;
import org.evshard.io.error.EvshardIoException;

/** The DataComp metadata reader over any file bytes returns rows or throws an {@link EvshardIoException}. */
class DataCompMetadataReaderFuzzTest {

  @FuzzTest
  void readsAnyBytesAsPoolMetadata(byte[] input) throws IOException {
    try (FuzzFile fuzz = FuzzFile.of(input, ".parquet")) {
      Path file = fuzz.path();
      try (DataCompMetadataReader r = DataCompMetadataReader.open(file)) {
        for (Optional<DataCompRow> row = r.next(); row.isPresent(); row = r.next()) {
          if (row.get().faceBboxes().stream().anyMatch(b -> b.toArray().length != 4)) {
            throw new AssertionError("box without four coordinates");
          }
        }
      } catch (EvshardIoException expected) {
        // content error
      }
    }
  }
}
