package org.evshard.io.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.apache.parquet.bytes.ByteBufferInputStream;
import org.apache.parquet.column.values.delta.DeltaBinaryPackingValuesReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bulk DELTA_BINARY_PACKED encoder against parquet-mr's own reader (independent code): every miniblock width
 * from 0 to 64 bits, values fed in pieces that cross block boundaries, partial last miniblocks and blocks, pages of
 * one value, and deltas that wrap around (as the specification's arithmetic does).
 */
class DeltaBinaryPackedEncoderTest {

  static IntStream widths() {
    return IntStream.rangeClosed(0, 64);
  }

  /** Deltas of exactly {@code w} bits above the block minimum (one miniblock spans the whole range). */
  @ParameterizedTest
  @MethodSource("widths")
  void everyMiniblockWidthDecodesWithParquetMr(int w) throws IOException {
    SplittableRandom random = new SplittableRandom(w);
    for (int n : new int[] {1, 2, 31, 32, 33, 127, 128, 129, 255, 256, 1000}) {
      long[] v = new long[n];
      long x = random.nextLong();
      for (int i = 0; i < n; i++) {
        v[i] = x;
        long span = w == 64 ? random.nextLong() : w == 0 ? 0 : random.nextLong() >>> (64 - w);
        if (i % 37 == 5 && w > 0) {
          span = w == 64 ? -1L : (1L << w) - 1; // the widest delta of this width
        } else if (i % 37 == 6) {
          span = 0; // next to the widest: the miniblock's width is exactly w
        }
        x += span; // wraps for the widest widths, as the encoding's arithmetic does
      }
      assertArrayEquals(v, decodeLongs(encodeInPieces(v, random), n), "width " + w + ", " + n + " values");
    }
  }

  @Test
  void shortValuesDecodeAsInt32() throws IOException {
    SplittableRandom random = new SplittableRandom(7);
    for (int n : new int[] {1, 5, 128, 129, 4000}) {
      short[] v = new short[n];
      for (int i = 0; i < n; i++) {
        v[i] = (short) (i % 11 == 3 ? (random.nextBoolean() ? Short.MIN_VALUE : Short.MAX_VALUE)
            : random.nextInt(-40, 1300));
      }
      DeltaBinaryPackedEncoder e = new DeltaBinaryPackedEncoder();
      int i = 0;
      while (i < n) {
        int take = Math.min(n - i, 1 + random.nextInt(300));
        short[] part = new short[take];
        System.arraycopy(v, i, part, 0, take);
        e.add(part);
        i += take;
      }
      assertEquals(n, e.count());
      ByteSink out = new ByteSink(16);
      e.finish(out);
      DeltaBinaryPackingValuesReader r = reader(out, n);
      for (int k = 0; k < n; k++) {
        assertEquals(v[k], r.readInteger(), "value " + k + " of " + n);
      }
    }
  }

  @Test
  void encoderIsReusableAfterFinish() throws IOException {
    DeltaBinaryPackedEncoder e = new DeltaBinaryPackedEncoder();
    long[] a = {5, 9, 2, 1L << 40, -7};
    long[] b = {100, 99, 98};
    e.add(a);
    ByteSink first = new ByteSink(16);
    e.finish(first);
    e.add(b);
    ByteSink second = new ByteSink(16);
    e.finish(second);
    assertArrayEquals(b, read(second, b.length));
    assertArrayEquals(a, read(first, a.length));
  }

  private static byte[] encodeInPieces(long[] v, SplittableRandom random) {
    DeltaBinaryPackedEncoder e = new DeltaBinaryPackedEncoder();
    int i = 0;
    while (i < v.length) {
      int take = Math.min(v.length - i, 1 + random.nextInt(200));
      long[] part = new long[take];
      System.arraycopy(v, i, part, 0, take);
      e.add(part);
      i += take;
    }
    ByteSink out = new ByteSink(16);
    e.finish(out);
    byte[] bytes = new byte[out.size()];
    System.arraycopy(out.array(), 0, bytes, 0, out.size());
    return bytes;
  }

  private static long[] decodeLongs(byte[] bytes, int n) throws IOException {
    DeltaBinaryPackingValuesReader r = new DeltaBinaryPackingValuesReader();
    r.initFromPage(n, ByteBufferInputStream.wrap(ByteBuffer.wrap(bytes)));
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = r.readLong();
    }
    return out;
  }

  private static long[] read(ByteSink sink, int n) throws IOException {
    byte[] bytes = new byte[sink.size()];
    System.arraycopy(sink.array(), 0, bytes, 0, sink.size());
    return decodeLongs(bytes, n);
  }

  private static DeltaBinaryPackingValuesReader reader(ByteSink sink, int n) throws IOException {
    DeltaBinaryPackingValuesReader r = new DeltaBinaryPackingValuesReader();
    r.initFromPage(n, ByteBufferInputStream.wrap(ByteBuffer.wrap(sink.array(), 0, sink.size())));
    return r;
  }
}
