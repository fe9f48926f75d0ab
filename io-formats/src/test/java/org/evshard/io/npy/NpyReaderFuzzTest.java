package org.evshard.io.npy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.format.ReadOptions;

/** The NPY readers either return or throw an {@link EvshardIoException}; no other exception, no huge allocation. */
class NpyReaderFuzzTest {

  @FuzzTest
  void readsAnyBytesAsAnArray(byte[] input) throws IOException {
    try {
      NpyArray.read(new ByteArrayInputStream(input), "fuzz", 1 << 20);
    } catch (EvshardIoException expected) {
      // content error
    }
  }

  @FuzzTest
  void readsAnyBytesAsEvents(byte[] input) throws IOException {
    ReadOptions o = ReadOptions.defaults().withChunkSize(64).withMaxEvents(1 << 16).withMaxHeaderBytes(1 << 16);
    try (NpyEventReader r = new NpyEventReader(new ByteArrayInputStream(input), "fuzz", o)) {
      r.readAll(o);
    } catch (EvshardIoException expected) {
      // content error
    }
  }
}
