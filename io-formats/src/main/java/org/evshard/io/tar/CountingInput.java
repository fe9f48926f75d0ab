package org.evshard.io.tar;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes read and skipped from the (decompressed) tar stream, to give entry header offsets, and keeps a
 * copy of the one 512-byte record at a requested offset (an entry's first header, whose checksum the reader checks).
 */
final class CountingInput extends FilterInputStream {

  private long count;
  private final byte[] record = new byte[512];
  private long recordAt = -1;
  private int recordFilled;

  CountingInput(InputStream in) {
    super(in);
  }

  long count() {
    return count;
  }

  /** Starts keeping the record at {@code offset}, which has not been read yet. */
  void captureRecordAt(long offset) {
    recordAt = offset;
    recordFilled = 0;
  }

  /** The captured record, or null when fewer than 512 bytes of it passed through. */
  byte[] capturedRecord() {
    return recordFilled == record.length ? record : null;
  }

  private void capture(byte[] b, int off, int n) {
    long from = Math.max(count, recordAt);
    long to = Math.min(count + n, recordAt + record.length);
    if (recordAt >= 0 && from < to) {
      System.arraycopy(b, off + (int) (from - count), record, (int) (from - recordAt), (int) (to - from));
      recordFilled += (int) (to - from);
    }
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      capture(new byte[] {(byte) b}, 0, 1);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n > 0) {
      capture(b, off, n);
      count += n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long s = in.skip(n);
    if (s > 0) {
      count += s;
    }
    return s;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  @Override
  public synchronized void mark(int readlimit) {
    // unsupported: the count must follow the stream
  }

  @Override
  public synchronized void reset() throws IOException {
    throw new IOException("mark/reset not supported");
  }
}
