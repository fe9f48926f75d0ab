package org.evshard.io.text;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.format.ReadOptions;

/** The text reader either returns events or throws an {@link EvshardIoException}; nothing else escapes. */
class TextEventReaderFuzzTest {

  @FuzzTest
  void readsAnyBytes(byte[] input) throws IOException {
    ReadOptions o = ReadOptions.defaults().withChunkSize(1 + (input.length & 15)).withMaxEvents(1 << 20);
    TextLayout layout = (input.length & 1) == 0 ? TextLayout.rpg() : TextLayout.parse("order=xytp,unit=ns");
    try (TextEventReader r = new TextEventReader(new ByteArrayInputStream(input), "fuzz", o, layout)) {
      r.readAll(o);
      if (r.bytePosition() != input.length) {
        throw new AssertionError("bytePosition " + r.bytePosition() + " after reading " + input.length + " bytes");
      }
    } catch (EvshardIoException expected) {
      // a content error with source and offset is a valid outcome
    }
  }
}
