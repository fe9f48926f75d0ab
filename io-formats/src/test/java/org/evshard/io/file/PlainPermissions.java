package org.evshard.io.file;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;

/** What permissions a file written the plain way gets, to compare an output's with (POSIX file systems only). */
public final class PlainPermissions {

  private PlainPermissions() {}

  /**
   * The permissions {@code Files.newOutputStream} gives a new file in {@code dir} (the umask's, e.g. rw-r--r-- under
   * umask 022); skips the calling test on a file system without POSIX permissions.
   */
  public static Set<PosixFilePermission> in(Path dir) throws IOException {
    Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX file system");
    Path plain = dir.resolve("plain-" + System.nanoTime());
    Files.newOutputStream(plain).close();
    try {
      return Files.getPosixFilePermissions(plain);
    } finally {
      Files.delete(plain);
    }
  }
}
