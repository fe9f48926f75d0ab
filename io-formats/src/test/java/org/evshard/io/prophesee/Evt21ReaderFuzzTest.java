package org.evshard.io.prophesee;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.evshard.io.ReaderFuzzing;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.format.ReadOptions;

/** The EVT 2.1 reader either returns events or throws an {@link EvshardIoException}; nothing else escapes. */
class Evt21ReaderFuzzTest {

  @FuzzTest
  void readsAnyBytes(byte[] input) throws IOException {
    ReadOptions o = ReadOptions.defaults().withChunkSize(1 + (input.length & 63)).withMaxHeaderBytes(4096);
    try (Evt21Reader r = new Evt21Reader(new ByteArrayInputStream(input), "fuzz", o)) {
      ReaderFuzzing.readToEnd(r, o, input.length, true);
    } catch (EvshardIoException expected) {
      // a content error with source and offset is a valid outcome
    }
  }
}
