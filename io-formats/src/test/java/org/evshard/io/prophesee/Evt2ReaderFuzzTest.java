package org.evshard.io.prophesee;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.format.ReadOptions;

/** The EVT 2.0 reader either returns events or throws an {@link EvshardIoException}; nothing else escapes. */
class Evt2ReaderFuzzTest {

  @FuzzTest
  void readsAnyBytes(byte[] input) throws IOException {
    ReadOptions o = ReadOptions.defaults().withChunkSize(1 + (input.length & 63)).withMaxHeaderBytes(4096);
    try (Evt2Reader r = new Evt2Reader(new ByteArrayInputStream(input), "fuzz", o)) {
      EventChunk c = new EventChunk(o.chunkSize());
      while (r.nextChunk(c)) {
        if (c.size() <= 0 || c.size() > o.chunkSize()) {
          throw new AssertionError("chunk of " + c.size() + " events");
        }
        r.triggers().size();
      }
      if (r.bytePosition() != input.length) {
        throw new AssertionError("bytePosition " + r.bytePosition() + " after reading " + input.length + " bytes");
      }
      r.skippedCounts();
      r.headerFields();
      r.geometry();
    } catch (EvshardIoException expected) {
      // a content error with source and offset is a valid outcome
    }
  }
}
