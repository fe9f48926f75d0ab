package org.evshard.io.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link RegularFile}: a named pipe or a directory is refused by name, before anything opens it. */
class RegularFileTest {

  @TempDir
  Path dir;

  @Test
  void aRegularFileOrALinkToOneGivesItsSize() throws Exception {
    Path file = Files.write(dir.resolve("a.bin"), new byte[] {1, 2, 3});
    Path link = Files.createSymbolicLink(dir.resolve("link.bin"), file);
    assertEquals(3, RegularFile.size(file));
    assertEquals(3, RegularFile.size(link));
    assertEquals(link, RegularFile.require(link));
  }

  @Test
  @Timeout(60)
  void aNamedPipeIsRefusedWithoutBeingOpened() throws Exception {
    Path fifo = dir.resolve("x.tar");
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
    FileSystemException e = assertThrows(FileSystemException.class, () -> RegularFile.require(fifo));
    assertEquals(fifo + ": not a regular file (a named pipe, socket or device): not opened", e.getMessage());
  }

  @Test
  void aDirectoryOrAMissingFileIsRefused() {
    FileSystemException e = assertThrows(FileSystemException.class, () -> RegularFile.size(dir));
    assertEquals(dir + ": not a regular file (a directory): not opened", e.getMessage());
    assertThrows(NoSuchFileException.class, () -> RegularFile.size(dir.resolve("none")));
  }
}
