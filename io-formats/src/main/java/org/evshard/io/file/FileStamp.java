package org.evshard.io.file;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * What a file looked like at one moment: its size and its last-modified time (nanoseconds since the epoch, as precise
 * as the file system keeps it). Two stamps of one file differ when something wrote, cut or replaced it in between.
 *
 * @param bytes the file's size
 * @param modifiedNanos last-modified time, nanoseconds since 1970-01-01T00:00Z
 */
public record FileStamp(long bytes, long modifiedNanos) implements Serializable {

  /** The stamp of {@code file} now (links followed). */
  public static FileStamp of(Path file) throws IOException {
    return of(Files.readAttributes(file, BasicFileAttributes.class));
  }

  /** The stamp these attributes describe. */
  public static FileStamp of(BasicFileAttributes attributes) {
    return new FileStamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
  }

  /** How {@code later} differs from this stamp, e.g. "4,000 bytes, modified 2026-...Z", or null when it does not. */
  public String change(FileStamp later) {
    if (equals(later)) {
      return null;
    }
    return describe() + " then, " + later.describe() + " now";
  }

  /** "N bytes, modified INSTANT". */
  public String describe() {
    return String.format("%,d bytes, modified %s", bytes,
        FileTime.from(modifiedNanos, TimeUnit.NANOSECONDS).toInstant());
  }
}
