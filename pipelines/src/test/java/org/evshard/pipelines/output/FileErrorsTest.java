package org.evshard.pipelines.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.EOFException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** I/O failures in words, as errors.jsonl and the command line give them. */
class FileErrorsTest {

  @Test
  void fileSystemFailuresAreSpelledOutAndOthersGiveTheirMessage() {
    assertEquals("no such file: /in/x.bin (gone)", FileErrors.describe(new NoSuchFileException("/in/x.bin", null,
        "gone")));
    assertEquals("permission denied: /in/x.bin", FileErrors.describe(new AccessDeniedException("/in/x.bin")));
    assertEquals("invalid distance too far back", FileErrors.describe(
        new java.util.zip.ZipException("invalid distance too far back")));
    assertEquals("EOFException", FileErrors.describe(new EOFException()), "only a message-less one by its class");
  }

  /** A name that is not UTF-8 is listed (with U+FFFD in it) but cannot be opened: say so, not "not found". */
  @Test
  void aFileNameThatIsNotUtf8IsNamedAsSuch() {
    assertEquals("no such file: /in/caf\uFFFD.bin (the file name is not valid UTF-8, so the JVM cannot open it by "
        + "name; rename the file)", FileErrors.describe(new NoSuchFileException("/in/caf\uFFFD.bin", null, "x")));
  }
}
