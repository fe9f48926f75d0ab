package org.evshard.io.file;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a user-visible file completely or not at all: into a unique hidden sibling in the target's folder
 * ({@code .NAME.RANDOM.part}), then renamed over the target (atomically where the file system can). On any failure
 * the sibling is deleted and an existing target is left as it was.
 *
 * <p>The sibling is created by {@link Files#newOutputStream} with {@code CREATE_NEW}, so it gets the permissions of any
 * new file (the umask's), unlike {@link Files#createTempFile}, whose files are always {@code rw-------}.
 */
public final class AtomicFiles {

  /** What writes the file's content; the stream is buffered and closed by {@link #write}. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private static final int BUFFER_BYTES = 1 << 20;

  private AtomicFiles() {}

  /** Writes {@code target} through {@code body}, replacing the file there only once the body has completed. */
  public static void write(Path target, Body body) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) { // name the output's folder, not the hidden sibling the write would fail on
      throw new java.nio.file.NoSuchFileException(dir.toString(), null, "the folder of " + target
          + " does not exist");
    }
    Path tmp = null;
    try {
      OutputStream raw;
      while (true) {
        Path candidate = dir.resolve("." + target.getFileName() + "."
            + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
        try {
          raw = Files.newOutputStream(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          tmp = candidate;
          break;
        } catch (FileAlreadyExistsException taken) {
          // another writer's sibling: draw another name
        }
      }
      try (OutputStream out = new BufferedOutputStream(raw, BUFFER_BYTES)) {
        body.writeTo(out);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (Throwable e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }
}
