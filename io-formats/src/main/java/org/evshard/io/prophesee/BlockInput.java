package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.InputStream;

/**
 * A read-ahead buffer over an input stream that the Prophesee readers decode straight out of: {@link #buf} holds the
 * bytes from {@link #pos} to {@link #limit}; {@link #fill()} keeps the unread tail (a word split across two reads)
 * and appends the next block. Memory stays at one block whatever the file size.
 */
final class BlockInput {

  /**
   * Bytes per block read from the stream: 64 KB, so that the block and a default chunk's columns stay in a 1 MB L2
   * cache (1 MB blocks decoded 15 to 40 % slower). It also bounds one header line.
   */
  static final int BLOCK_BYTES = 1 << 16;

  final byte[] buf;
  int pos;
  int limit;
  private final InputStream in;
  private long bufStart;
  private boolean eof;
  /** Offset in the source after the last byte to read (a split's end); {@code Long.MAX_VALUE} reads to the end. */
  private long end = Long.MAX_VALUE;

  BlockInput(InputStream in, int blockBytes) {
    this.in = in;
    this.buf = new byte[blockBytes];
  }

  /**
   * Moves the unread bytes to the front and reads up to a block more.
   *
   * @return false when the stream has ended and no byte was added
   */
  boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int rest = limit - pos;
    if (rest == buf.length) {
      throw new IllegalStateException("fill() called with a full buffer");
    }
    System.arraycopy(buf, pos, buf, 0, rest);
    bufStart += pos;
    pos = 0;
    limit = rest;
    int want = (int) Math.min(buf.length - rest, end - (bufStart + limit));
    int got = want == 0 ? 0 : in.readNBytes(buf, rest, want);
    limit += got;
    if (got == 0) {
      eof = true;
      return false;
    }
    return true;
  }

  /**
   * Moves to {@code offset} (at or after {@link #position()}), dropping the bytes before it: within the buffer, or by
   * skipping the stream.
   *
   * @return false when the source ends before {@code offset}
   */
  boolean skipTo(long offset) throws IOException {
    if (offset < position()) {
      throw new IllegalArgumentException("cannot move back from " + position() + " to " + offset);
    }
    if (offset <= bufStart + limit) {
      pos = (int) (offset - bufStart);
      return true;
    }
    long gap = offset - (bufStart + limit);
    long skipped = 0;
    while (skipped < gap) {
      long s = in.skip(gap - skipped);
      if (s <= 0) {
        if (in.read() < 0) {
          return false;
        }
        s = 1;
      }
      skipped += s;
    }
    bufStart = offset;
    pos = 0;
    limit = 0;
    return true;
  }

  /** Reads no byte at or after {@code offset} (at or after {@link #position()}): the end of a split. */
  void limitTo(long offset) {
    if (offset < position()) {
      throw new IllegalArgumentException("end " + offset + " is before the position " + position());
    }
    end = offset;
    if (bufStart + limit > end) {
      limit = (int) (end - bufStart);
    }
  }

  /** True when the source ended before the {@link #limitTo} offset. */
  boolean endedEarly() {
    return eof && end != Long.MAX_VALUE && bufStart + limit < end;
  }

  /** Unread bytes in the buffer. */
  int available() {
    return limit - pos;
  }

  /** True when the buffer holds as many bytes as it can (a further fill would add nothing). */
  boolean full() {
    return pos == 0 && limit == buf.length;
  }

  /** Bytes left to read, buffered or in the stream (as the stream states its length), up to the split's end. */
  long bytesLeft() throws IOException {
    long left = (long) (limit - pos) + (eof ? 0 : in.available());
    return Math.max(0, Math.min(left, end - position()));
  }

  /** Offset in the source of the next unread byte. */
  long position() {
    return bufStart + pos;
  }

  /** Offset in the source of {@code buf[index]}. */
  long offsetOf(int index) {
    return bufStart + index;
  }

  void close() throws IOException {
    in.close();
  }
}
