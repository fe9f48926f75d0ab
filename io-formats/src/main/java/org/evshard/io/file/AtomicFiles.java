package org.evshard.io.file;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
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
 * <p>The sibling is created by {@link FileChannel#open} with {@code CREATE_NEW}, so it gets the permissions of any
 * new file (the umask's), unlike {@link Files#createTempFile}, whose files are always {@code rw-------}.
 */
public final class AtomicFiles {

  /** What writes the file's content; the stream is buffered and closed by {@link #write}. */
  @FunctionalInterface
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** What writes the file's content through a channel that can also seek and read back; closed by the caller. */
  @FunctionalInterface
  public interface ChannelBody {
    void writeTo(FileChannel channel) throws IOException;
  }

  private static final int BUFFER_BYTES = 1 << 20;

  /**
   * The hidden siblings being written now. A JVM stopped by SIGINT or SIGTERM runs no {@code catch} or
   * {@code finally}, so its shutdown hook deletes them: an interrupted 10 GB decode left a hidden 9 GB file that no later
   * run would find (each draws a new name).
   */
  private static final java.util.Set<Path> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (Path p : LIVE) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException | RuntimeException ignored) {
          // the JVM is stopping: nothing left to tell
        }
      }
    }, "evshard-delete-partial-files"));
  }

  private AtomicFiles() {}

  /** The hidden siblings being written at this moment (for tests). */
  static java.util.Set<Path> live() {
    return java.util.Set.copyOf(LIVE);
  }

  /** Writes {@code target} through {@code body}, replacing the file there only once the body has completed. */
  public static void write(Path target, Body body) throws IOException {
    writeChannel(target, channel -> {
      try (OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER_BYTES)) {
        body.writeTo(out);
      }
    });
  }

  /**
   * Writes {@code target} through a seekable channel on the hidden sibling (a writer that learns its header only at
   * the end, e.g. a count), replacing the file there only once the body has completed.
   */
  public static void writeChannel(Path target, ChannelBody body) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) { // name the output's folder, not the hidden sibling the write would fail on
      if (Files.exists(dir)) {
        throw new java.nio.file.NotDirectoryException(dir + " (the folder of " + target + " is a file)");
      }
      throw new java.nio.file.NoSuchFileException(dir.toString(), null, "the folder of " + target
          + " does not exist");
    }
    Path tmp = null;
    try {
      FileChannel channel;
      while (true) {
        Path candidate = dir.resolve("." + target.getFileName() + "."
            + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".part");
        try {
          channel = FileChannel.open(candidate, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
              StandardOpenOption.READ);
          tmp = candidate;
          LIVE.add(tmp);
          break;
        } catch (FileAlreadyExistsException taken) {
          // another writer's sibling: draw another name
        } catch (java.nio.file.FileSystemException refused) { // named the hidden sibling: name the output instead
          throw namingTarget(refused, target, dir);
        }
      }
      try (FileChannel open = channel) {
        body.writeTo(open);
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
      if (e instanceof IOException io && !(io instanceof java.nio.file.FileSystemException)) {
        // a write's own IOException names no file ("No space left on device"): name the one being written
        java.nio.file.FileSystemException named = new java.nio.file.FileSystemException(target.toString(), null,
            io.getMessage());
        named.initCause(io);
        throw named;
      }
      throw e;
    } finally {
      if (tmp != null) {
        LIVE.remove(tmp);
      }
    }
  }

  /**
   * {@code refused} (about the hidden sibling, e.g. "permission denied: /sys/.x.npy.2fi2ocw9g4ow5.part") as the same
   * kind of exception about {@code target}, saying that nothing can be written in its folder.
   */
  private static java.nio.file.FileSystemException namingTarget(java.nio.file.FileSystemException refused, Path target,
      Path dir) {
    String why = "cannot write " + target.getFileName() + " in " + dir + (refused.getReason() == null ? ""
        : " (" + refused.getReason() + ")");
    java.nio.file.FileSystemException named;
    if (refused instanceof java.nio.file.AccessDeniedException) {
      named = new java.nio.file.AccessDeniedException(target.toString(), null, why);
    } else if (refused instanceof java.nio.file.NoSuchFileException) {
      named = new java.nio.file.NoSuchFileException(target.toString(), null, why);
    } else {
      named = new java.nio.file.FileSystemException(target.toString(), null, why);
    }
    named.initCause(refused);
    return named;
  }
}
