package org.evshard.io.format;

import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.evshard.io.error.EvshardIoException;

/**
 * Split planning and split reading over arbitrary bytes: the first input byte picks the format ({@code evt3},
 * {@code evt2}, {@code aedat4}) and the target split size, the rest is the file. Planning and reading either work or
 * throw an {@link EvshardIoException}; when the sequential read of the file works, the splits' union equals it.
 */
class RecordingSplitsFuzzTest {

  private static final List<String> FORMATS = List.of("evt3", "evt2", "aedat4");

  @FuzzTest
  void planAndReadAnyBytes(byte[] input) throws IOException {
    if (input.length == 0) {
      return;
    }
    String format = FORMATS.get((input[0] & 0xFF) % FORMATS.size());
    long target = 1 + (input[0] & 0xFF) / FORMATS.size() * 4L;
    ReadOptions o = ReadOptions.defaults().withChunkSize(1 + (input.length & 15)).withMaxEvents(1 << 20)
        .withMaxHeaderBytes(1 << 16);
    Path file = Files.createTempFile("split-fuzz", "." + format);
    try {
      Files.write(file, Arrays.copyOfRange(input, 1, input.length));
      List<RecordingSplit> splits;
      try {
        splits = RecordingSplits.plan(file, format, target, o);
      } catch (EvshardIoException expected) {
        return; // a content error with source and offset is a valid outcome
      }
      boolean sequentialWorks = reads(file, format, o);
      try {
        SplitUnion.assertUnionEqualsSequential(file, format, splits, o);
      } catch (EvshardIoException e) {
        if (sequentialWorks) {
          fail("the sequential read works but the splits fail: " + e, e);
        }
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static boolean reads(Path file, String format, ReadOptions o) throws IOException {
    try (EventReader r = EventFormats.defaults().open(file, format, o)) {
      org.evshard.io.ReaderFuzzing.readToEnd(r, o, -1, false);
      return true;
    } catch (EvshardIoException e) {
      return false;
    }
  }
}
