package org.evshard.io.aedat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.evshard.io.ReaderFuzzing;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.format.ReadOptions;

/** The AEDAT 2.0 reader either returns events or throws an {@link EvshardIoException}; nothing else escapes. */
class Aedat2ReaderFuzzTest {

  @FuzzTest
  void readsAnyBytes(byte[] input) throws IOException {
    ReadOptions o = ReadOptions.defaults().withChunkSize(1 + (input.length & 15)).withMaxEvents(1 << 20)
        .withMaxHeaderBytes(1 << 16);
    try (var r = new Aedat2Reader(new ByteArrayInputStream(input), "fuzz", o, Aedat2Axes.JAER)) {
      ReaderFuzzing.readToEnd(r, o, input.length, true);
    } catch (EvshardIoException expected) {
      // a content error with source and offset is a valid outcome
    }
  }
}
