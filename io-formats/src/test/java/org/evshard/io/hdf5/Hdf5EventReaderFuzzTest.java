package org.evshard.io.hdf5;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;
import org.evshard.io.FuzzFile;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.format.ReadOptions;

/**
 * The HDF5 reader either returns events or throws an {@link EvshardIoException}. Seeds are jhdf-written DSEC files
 * (whole and cut) and garbage. jhdf parses the structure; this checks that evshard turns its failures into typed
 * errors.
 */
class Hdf5EventReaderFuzzTest {

  @FuzzTest
  void readsAnyBytes(byte[] input) throws IOException {
    try (FuzzFile fuzz = FuzzFile.of(input, ".h5")) {
      Path f = fuzz.path();
      ReadOptions o = ReadOptions.defaults().withChunkSize(1 + (input.length & 15)).withMaxEvents(1 << 20);
      try (Hdf5EventReader r = Hdf5EventReader.open(f, "fuzz", o, null)) {
        r.readAll(o);
      } catch (EvshardIoException expected) {
        // a content error naming the source is a valid outcome
      }
    }
  }
}
