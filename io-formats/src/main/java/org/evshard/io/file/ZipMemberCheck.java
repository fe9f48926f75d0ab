package org.evshard.io.file;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import org.evshard.io.error.CorruptInputException;

/**
 * The bytes of one zip member, checked against the CRC-32 and size its central directory records. Neither {@link
 * java.util.zip.ZipFile} nor commons-compress's {@code ZipFile} checks them, so a damaged download (a flipped bit in a
 * stored or deflated member) would otherwise decode into plausible but wrong events or embeddings. The check runs
 * when the last recorded byte has been read (readers that stop at the recorded size are covered as well as readers
 * that read to the end); a member that gives more bytes than recorded fails at the first extra byte. Skipped bytes
 * are read and counted. Not thread-safe.
 */
public final class ZipMemberCheck extends FilterInputStream {

  private static final int SKIP_BUFFER_BYTES = 8192;

  private final String source;
  private final long expectedSize;
  private final long expectedCrc;
  private final CRC32 crc = new CRC32();
  private long count;
  private boolean checked;

  /**
   * @param expectedSize the member's uncompressed size, or -1 when unknown (then the check runs at the end of data)
   * @param expectedCrc the member's CRC-32, or -1 when unknown (then only the size is checked)
   */
  public ZipMemberCheck(InputStream in, String source, long expectedSize, long expectedCrc) {
    super(in);
    this.source = source;
    this.expectedSize = expectedSize;
    this.expectedCrc = expectedCrc;
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b < 0) {
      atEnd();
      return b;
    }
    crc.update(b);
    counted(1);
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n < 0) {
      atEnd();
      return n;
    }
    crc.update(buffer, offset, n);
    counted(n);
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    if (n <= 0) {
      return 0;
    }
    byte[] discard = new byte[(int) Math.min(n, SKIP_BUFFER_BYTES)];
    long skipped = 0;
    while (skipped < n) {
      int r = read(discard, 0, (int) Math.min(discard.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readLimit) {
    // not supported: a reset would count bytes twice
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }

  private void counted(int n) {
    count += n;
    if (expectedSize >= 0 && count > expectedSize) {
      throw new CorruptInputException(source, expectedSize, "the zip member holds more bytes than the "
          + expectedSize + " its archive records: the archive is damaged (download it again)");
    }
    if (count == expectedSize) {
      check();
    }
  }

  private void atEnd() {
    if (expectedSize >= 0 && count < expectedSize) {
      throw new CorruptInputException(source, count, "the zip member ends after " + count + " bytes, its archive "
          + "records " + expectedSize + ": the archive is damaged (download it again)");
    }
    check();
  }

  private void check() {
    if (checked) {
      return;
    }
    checked = true;
    if (expectedCrc >= 0 && crc.getValue() != expectedCrc) {
      throw new CorruptInputException(source, -1, String.format("the zip member's data has CRC-32 %08x, its archive "
          + "records %08x: the archive is damaged (download it again)", crc.getValue(), expectedCrc));
    }
  }
}
