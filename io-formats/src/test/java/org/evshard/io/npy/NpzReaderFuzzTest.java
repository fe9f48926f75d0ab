package org.evshard.io.npy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.evshard.io.error.EvshardIoException;

/** The npz reader over any bytes lists and reads its members or throws an {@link EvshardIoException}; nothing else. */
class NpzReaderFuzzTest {

  @FuzzTest
  void readsAnyBytesAsAnNpz(byte[] input) throws IOException {
    try (NpzReader r = NpzReader.of(input, "fuzz.npz", 1 << 20)) {
      for (String name : r.names()) {
        try {
          NpyArray a = r.read(name);
          if ((long) a.size() * a.elementType().size() > 1 << 20) {
            throw new AssertionError("member over the limit: " + a);
          }
        } catch (EvshardIoException expected) {
          // content error in one member
        }
      }
    } catch (EvshardIoException expected) {
      // not a zip
    }
  }
}
