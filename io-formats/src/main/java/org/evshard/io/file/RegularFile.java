package org.evshard.io.file;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The check before a path from an input folder is opened for reading. Opening a named pipe blocks until something
 * writes to it (tar extracts them from an untrusted archive), so a run would wait forever on one named like an image,
 * a shard or a metadata file; a directory or device is refused with the same words.
 */
public final class RegularFile {

  private RegularFile() {}

  /** {@code file}'s size; a {@link FileSystemException} naming it when it is not a regular file (links followed). */
  public static long size(Path file) throws IOException {
    BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
    if (!a.isRegularFile()) {
      throw new FileSystemException(file.toString(), null, "not a regular file (" + (a.isDirectory() ? "a directory"
          : "a named pipe, socket or device") + "): not opened");
    }
    return a.size();
  }

  /** {@code file}, once {@link #size} found it a regular file. */
  public static Path require(Path file) throws IOException {
    size(file);
    return file;
  }
}
