package org.evshard.io.datacomp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.evshard.io.error.EvshardIoException;

/** The subset reader over any bytes returns a sorted subset or throws an {@link EvshardIoException}. */
class UidSubsetFuzzTest {

  @FuzzTest
  void readsAnyBytesAsASubset(byte[] input) throws IOException {
    try {
      UidSubset s = UidSubset.read(new ByteArrayInputStream(input), "fuzz", input.length, 1 << 12);
      for (int i = 1; i < s.size(); i++) {
        if (s.uid(i - 1).compareTo(s.uid(i)) > 0) {
          throw new AssertionError("unsorted subset accepted");
        }
      }
    } catch (EvshardIoException expected) {
      // content error
    }
  }
}
