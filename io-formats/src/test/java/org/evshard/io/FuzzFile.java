package org.evshard.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fuzz input written to a temporary file, for readers that open a path; deleted on close. */
public final class FuzzFile implements AutoCloseable {

  private final Path path;

  private FuzzFile(Path path) {
    this.path = path;
  }

  /** {@code bytes} in a new temporary file whose name ends with {@code suffix} (readers pick formats by extension). */
  public static FuzzFile of(byte[] bytes, String suffix) throws IOException {
    Path p = Files.createTempFile("evshard-fuzz-", suffix);
    try {
      Files.write(p, bytes);
    } catch (IOException e) {
      Files.deleteIfExists(p);
      throw e;
    }
    return new FuzzFile(p);
  }

  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(path);
  }
}
