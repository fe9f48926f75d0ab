package org.evshard.io.file;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evshard.io.error.InputChangedException;

/**
 * A file's bytes that end where the file ended when it was opened, and only if it is still that file: reading past
 * the size it had, or reaching its end before that size or after it was modified, throws
 * {@link InputChangedException} naming the file, the byte and both stamps. A reader that stops before the end (a
 * footer read first, a time window passed) is not checked.
 */
public final class UnchangedFileInputStream extends FilterInputStream {

  private final Path file;
  private final String sourceName;
  private final FileStamp opened;
  private long position;

  private UnchangedFileInputStream(InputStream in, Path file, String sourceName, FileStamp opened) {
    super(in);
    this.file = file;
    this.sourceName = sourceName;
    this.opened = opened;
  }

  /** Opens {@code file}; errors name {@code sourceName}. */
  public static UnchangedFileInputStream open(Path file, String sourceName) throws IOException {
    FileStamp opened = FileStamp.of(file);
    return new UnchangedFileInputStream(Files.newInputStream(file), file, sourceName, opened);
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b < 0) {
      atEnd();
    } else {
      advance(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    if (n < 0) {
      atEnd();
    } else {
      advance(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(Math.min(n, Math.max(0, opened.bytes() - position)));
    advance(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  private void advance(long n) {
    position += n;
    if (position > opened.bytes()) {
      throw new InputChangedException(sourceName, opened.bytes(), "the file grew while it was read: it had "
          + String.format("%,d", opened.bytes()) + " bytes when it was opened (still being written? wait for the "
          + "copy to finish)");
    }
  }

  private void atEnd() throws IOException {
    FileStamp now = FileStamp.of(file);
    if (position != opened.bytes() || !now.equals(opened)) {
      throw new InputChangedException(sourceName, position, "the file changed while it was read ("
          + (now.equals(opened) ? opened.describe() : opened.change(now))
          + "; its end came at byte " + String.format("%,d", position) + "): not decoded as it happens to be");
    }
  }
}
