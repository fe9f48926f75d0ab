package org.evshard.io.shard;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Parquet's DELTA_BINARY_PACKED encoding over a stream of integers, fed in bulk: blocks of 128 values, 4 miniblocks
 * of 32, each miniblock bit-packed (least significant bit first) at its own width after subtracting the block's
 * smallest delta. Arithmetic wraps as the specification and readers do. INT32 columns use it with values that fit in
 * an {@code int} (the header and deltas are then identical to an INT32 encoder's). Not thread safe; reusable after
 * {@link #finish}.
 */
final class DeltaBinaryPackedEncoder {

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  static final int BLOCK = 128;
  static final int MINIBLOCKS = 4;
  static final int MINIBLOCK = BLOCK / MINIBLOCKS;

  private final long[] deltas = new long[BLOCK];
  private final byte[] widths = new byte[MINIBLOCKS];
  private final ByteSink body = new ByteSink(1 << 16);
  private int inBlock;
  private long count;
  private long first;
  private long previous;

  long count() {
    return count;
  }

  /** Bytes buffered so far (a lower bound of the encoded size). */
  int bufferedBytes() {
    return body.size() + inBlock * 8;
  }

  void add(short[] v) {
    int n = v.length;
    if (n == 0) {
      return;
    }
    int i = 0;
    if (count == 0) {
      first = v[0];
      previous = v[0];
      count = 1;
      i = 1;
    }
    long prev = previous;
    while (i < n) {
      int take = Math.min(n - i, BLOCK - inBlock);
      for (int k = 0; k < take; k++) {
        long cur = v[i + k];
        deltas[inBlock + k] = cur - prev;
        prev = cur;
      }
      inBlock += take;
      i += take;
      count += take;
      if (inBlock == BLOCK) {
        flushBlock();
      }
    }
    previous = prev;
  }

  void add(long[] v) {
    int n = v.length;
    if (n == 0) {
      return;
    }
    int i = 0;
    if (count == 0) {
      first = v[0];
      previous = v[0];
      count = 1;
      i = 1;
    }
    long prev = previous;
    while (i < n) {
      int take = Math.min(n - i, BLOCK - inBlock);
      for (int k = 0; k < take; k++) {
        long cur = v[i + k];
        deltas[inBlock + k] = cur - prev;
        prev = cur;
      }
      inBlock += take;
      i += take;
      count += take;
      if (inBlock == BLOCK) {
        flushBlock();
      }
    }
    previous = prev;
  }

  /** Writes the page's values (header, then the blocks) to {@code out} and resets for the next page. */
  void finish(ByteSink out) {
    if (inBlock > 0) {
      flushBlock();
    }
    out.varint(BLOCK);
    out.varint(MINIBLOCKS);
    out.varint(count);
    out.zigzag(first);
    out.put(body.array(), 0, body.size());
    body.clear();
    count = 0;
    inBlock = 0;
  }

  private void flushBlock() {
    int n = inBlock;
    long[] d = deltas;
    long min = d[0];
    for (int i = 1; i < n; i++) {
      min = Math.min(min, d[i]);
    }
    int used = (n + MINIBLOCK - 1) / MINIBLOCK;
    for (int i = n; i < used * MINIBLOCK; i++) {
      d[i] = min; // padding of the last miniblock: 0 once the minimum is subtracted
    }
    body.zigzag(min);
    int widthsAt = body.size();
    body.ensure(MINIBLOCKS);
    body.advance(MINIBLOCKS);
    java.util.Arrays.fill(widths, (byte) 0);
    for (int m = 0; m < used; m++) {
      long or = 0;
      for (int i = m * MINIBLOCK, end = i + MINIBLOCK; i < end; i++) {
        long u = d[i] - min; // unsigned from here on
        d[i] = u;
        or |= u;
      }
      int w = 64 - Long.numberOfLeadingZeros(or);
      widths[m] = (byte) w;
      pack(m * MINIBLOCK, w);
    }
    System.arraycopy(widths, 0, body.array(), widthsAt, MINIBLOCKS);
    inBlock = 0;
  }

  private void pack(int from, int w) {
    if (w == 0) {
      return;
    }
    body.ensure(MINIBLOCK * w / 8 + 8);
    byte[] out = body.array();
    int o = body.size();
    if (w <= 8) {
      // 8 values of w bits fill exactly w bytes: one 8-byte store per group (the spare bytes are overwritten next)
      for (int i = from, end = from + MINIBLOCK; i < end; i += 8) {
        long acc = deltas[i] | deltas[i + 1] << w | deltas[i + 2] << 2 * w | deltas[i + 3] << 3 * w
            | deltas[i + 4] << 4 * w | deltas[i + 5] << 5 * w | deltas[i + 6] << 6 * w | deltas[i + 7] << 7 * w;
        LONG_LE.set(out, o, acc);
        o += w;
      }
    } else if (w <= 32) {
      long acc = 0;
      int bits = 0;
      for (int i = from, end = from + MINIBLOCK; i < end; i++) {
        acc |= deltas[i] << bits;
        bits += w;
        if (bits >= 32) {
          out[o] = (byte) acc;
          out[o + 1] = (byte) (acc >>> 8);
          out[o + 2] = (byte) (acc >>> 16);
          out[o + 3] = (byte) (acc >>> 24);
          o += 4;
          acc >>>= 32;
          bits -= 32;
        }
      }
    } else if (w <= 56) {
      long acc = 0;
      int bits = 0;
      for (int i = from, end = from + MINIBLOCK; i < end; i++) {
        acc |= deltas[i] << bits;
        bits += w;
        while (bits >= 8) {
          out[o++] = (byte) acc;
          acc >>>= 8;
          bits -= 8;
        }
      }
    } else {
      int bitPos = 0;
      int cur = 0;
      for (int i = from, end = from + MINIBLOCK; i < end; i++) {
        long v = deltas[i];
        for (int k = 0; k < w; k++) {
          cur |= (int) ((v >>> k) & 1) << bitPos;
          if (++bitPos == 8) {
            out[o++] = (byte) cur;
            cur = 0;
            bitPos = 0;
          }
        }
      }
    }
    body.advance(o - body.size());
  }
}
