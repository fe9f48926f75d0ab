package org.evshard.io.atis;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.format.ReadOptions;

/** The ATIS reader either returns events or throws an {@link EvshardIoException}; nothing else escapes. */
class AtisBinReaderFuzzTest {

  @FuzzTest
  void readsAnyBytes(byte[] input) throws IOException {
    ReadOptions o = ReadOptions.defaults().withChunkSize(1 + (input.length & 15)).withMaxEvents(1 << 20);
    try (AtisBinReader r = new AtisBinReader(new ByteArrayInputStream(input), "fuzz", o)) {
      r.readAll(o);
      if (r.bytePosition() != input.length) {
        throw new AssertionError("bytePosition " + r.bytePosition() + " after reading " + input.length + " bytes");
      }
    } catch (EvshardIoException expected) {
      // a content error with source and offset is a valid outcome
    }
  }
}
