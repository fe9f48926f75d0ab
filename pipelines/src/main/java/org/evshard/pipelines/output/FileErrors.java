package org.evshard.pipelines.output;

import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * An I/O failure in words, for the command line and for the reasons in {@code errors.jsonl}. The JDK's
 * {@link FileSystemException}s carry only the path as their message ({@code /x.bin}), so they are spelled out:
 * {@code no such file: /x.bin}, {@code permission denied: /out.npy}, or the path with the system's reason
 * ({@code /dir: Is a directory}); other exceptions give their message, and their class name only when they have none.
 */
public final class FileErrors {

  /** The words for the JDK's file-system exceptions whose message is only the path. */
  private static final java.util.Map<Class<? extends FileSystemException>, String> KINDS = java.util.Map.of(
      NoSuchFileException.class, "no such file", AccessDeniedException.class, "permission denied",
      FileAlreadyExistsException.class, "file already exists", NotDirectoryException.class, "not a directory",
      DirectoryNotEmptyException.class, "directory not empty", NotLinkException.class, "not a symbolic link",
      FileSystemLoopException.class, "file system loop");

  private FileErrors() {}

  public static String describe(Throwable e) {
    if (e instanceof UncheckedIOException u && u.getCause() instanceof FileSystemException f) {
      return describe(f);
    }
    if (e instanceof FileSystemException f) {
      return describe(f);
    }
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  public static String describe(FileSystemException e) {
    String kind = kind(e);
    String files = e.getFile() == null ? "" : e.getFile() + (e.getOtherFile() == null ? "" : " -> " + e.getOtherFile());
    String reason = e.getReason();
    if (e.getFile() != null && e.getFile().indexOf('\uFFFD') >= 0) {
      // a name that is not valid in the JVM's file name encoding: found by listing, but not reachable by its name
      reason = "the file name is not valid UTF-8, so the JVM cannot open it by name; rename the file";
    }
    if (kind != null) {
      return kind + (files.isEmpty() ? "" : ": " + files) + (reason == null ? "" : " (" + reason + ")");
    }
    if (reason != null) { // another FileSystemException: the system's reason says what happened
      return files.isEmpty() ? reason : files + ": " + reason;
    }
    return "file system error" + (files.isEmpty() ? "" : ": " + files);
  }

  private static String kind(FileSystemException e) {
    for (java.util.Map.Entry<Class<? extends FileSystemException>, String> k : KINDS.entrySet()) {
      if (k.getKey().isInstance(e)) { // disjoint classes: at most one matches
        return k.getValue();
      }
    }
    return null;
  }
}
