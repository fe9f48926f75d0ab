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
    // both conventions: CIFAR10-DVS's axes also read a header without a chip line (as DVS128)
    Aedat2Axes axes = (input.length & 16) != 0 ? Aedat2Axes.SPIKINGJELLY_CIFAR10DVS : Aedat2Axes.JAER;
    try (var r = new Aedat2Reader(new ByteArrayInputStream(input), "fuzz", o, axes)) {
      ReaderFuzzing.readToEnd(r, o, input.length, true);
    } catch (EvshardIoException expected) {
      // a content error with source and offset is a valid outcome
    }
  }
}
