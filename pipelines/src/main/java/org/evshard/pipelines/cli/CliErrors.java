package org.evshard.pipelines.cli;

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
 * The one-line message the command line prints for a failure. The JDK's {@link FileSystemException}s carry only the
 * path as their message ({@code /x.bin}), so they are spelled out: {@code no such file: /x.bin}, {@code permission
 * denied: /out.npy}, or the path with the system's reason ({@code /dir: Is a directory}). A failure inside a
 * pipeline comes wrapped by the runner ({@code PipelineExecutionException: org.evshard...Exception: ...}): its cause
 * is described instead.
 */
final class CliErrors {

  private CliErrors() {}

  static String describe(Throwable e) {
    Throwable cause = e.getCause();
    if (cause != null && cause != e && (e instanceof org.apache.beam.sdk.Pipeline.PipelineExecutionException
        || e.getMessage() != null && e.getMessage().equals(cause.toString()))) {
      // a runner's wrapper whose message is only its cause's class and message: say what the cause says
      return describe(cause);
    }
    if (e instanceof UncheckedIOException u && u.getCause() instanceof FileSystemException f) {
      return describe(f);
    }
    if (e instanceof FileSystemException f) {
      return describe(f);
    }
    String m = e.getMessage();
    return m == null ? e.toString() : m;
  }

  static String describe(FileSystemException e) {
    String kind = kind(e);
    String files = e.getFile() == null ? "" : e.getFile() + (e.getOtherFile() == null ? "" : " -> " + e.getOtherFile());
    String reason = e.getReason();
    if (kind != null) {
      return kind + (files.isEmpty() ? "" : ": " + files) + (reason == null ? "" : " (" + reason + ")");
    }
    if (reason != null) { // another FileSystemException: the system's reason says what happened
      return files.isEmpty() ? reason : files + ": " + reason;
    }
    return "file system error" + (files.isEmpty() ? "" : ": " + files);
  }

  private static String kind(FileSystemException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileAlreadyExistsException) {
      return "file already exists";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof DirectoryNotEmptyException) {
      return "directory not empty";
    }
    if (e instanceof NotLinkException) {
      return "not a symbolic link";
    }
    if (e instanceof FileSystemLoopException) {
      return "file system loop";
    }
    return null;
  }
}
