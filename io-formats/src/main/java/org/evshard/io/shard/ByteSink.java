package org.evshard.io.shard;

import java.util.Arrays;

/** A growable byte array for page encoders: bytes, unsigned LEB128 varints and zigzag varints. Not thread safe. */
final class ByteSink {

  private byte[] buf;
  private int size;

  ByteSink(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  int size() {
    return size;
  }

  byte[] array() {
    return buf;
  }

  void clear() {
    size = 0;
  }

  void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(size + more, buf.length * 2));
    }
  }

  void put(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  void put(byte[] b, int from, int n) {
    ensure(n);
    System.arraycopy(b, from, buf, size, n);
    size += n;
  }

  /** Unsigned LEB128, as Parquet's {@code ULEB128} varints. */
  void varint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  void zigzag(long v) {
    varint((v << 1) ^ (v >> 63));
  }

  /** Sets size directly after a caller wrote into {@link #array()} past the end (after {@link #ensure}). */
  void advance(int n) {
    size += n;
  }
}
