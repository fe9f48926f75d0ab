package org.evshard.io.atis;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.events.Events;
import org.evshard.io.format.ReadOptions;

/**
 * The ATIS reader either returns events or throws an {@link EvshardIoException}; nothing else escapes. And its vector
 * loops give what its scalar loop gives, events or error, whatever the bytes and the chunk size.
 */
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

  /** Chunks of 1 to 256 events (the vector loops need 32 or 64 records of room), from the input's length. */
  @FuzzTest
  void vectorLoopsGiveTheScalarLoopsOutcome(byte[] input) throws IOException {
    ReadOptions o = ReadOptions.defaults().withChunkSize(1 + (input.length * 37 & 255)).withMaxEvents(1 << 20);
    Object scalar = outcome(input, o, 0);
    for (int bits : new int[] {256, 512}) {
      Object vector = outcome(input, o, bits);
      if (!vector.equals(scalar)) {
        throw new AssertionError(bits + "-bit loop: " + vector + "\nscalar loop: " + scalar);
      }
    }
  }

  /** The events read (compared column by column by {@link Events#equals}), or the error's message. */
  private static Object outcome(byte[] input, ReadOptions o, int bits) throws IOException {
    try (AtisBinReader r = new AtisBinReader(new ByteArrayInputStream(input), "fuzz", o, bits)) {
      return r.readAll(o);
    } catch (EvshardIoException e) {
      return "error " + e.getMessage();
    }
  }
}
