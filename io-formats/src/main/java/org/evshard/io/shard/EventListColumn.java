package org.evshard.io.shard;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;

/**
 * Encodes one list column (event lists, and the {@code tensor} / {@code tensor_shape} columns of schema 2) ({@code required group (LIST) { repeated group list { required T element } }}) into
 * v2 data pages in bulk, one row at a time: repetition and definition levels as RLE runs (a row of n events is
 * the runs r=0 x1, r=1 x(n-1) and d=1 xn; an empty row is one null at r=0, d=0), values DELTA_BINARY_PACKED (x, y,
 * t, int16/int64 tensors and shapes), PLAIN bit-packed (p) or BYTE_STREAM_SPLIT (float32/float64 tensors: the k-th
 * bytes of all values together, which zstd then compresses well), and min/max statistics. parquet-mr's per-value column writer costs about 100 ns per
 * value; this is the same bytes at a few ns. Pages end at row boundaries.
 */
final class EventListColumn {

  private final ColumnDescriptor descriptor;
  private final boolean bool;
  /** 4 or 8 for FLOAT / DOUBLE elements (BYTE_STREAM_SPLIT), 0 otherwise. */
  private final int floatWidth;
  private final ByteSink raw = new ByteSink(1 << 12);
  private double dmin = Double.POSITIVE_INFINITY;
  private double dmax = Double.NEGATIVE_INFINITY;
  private final DeltaBinaryPackedEncoder delta = new DeltaBinaryPackedEncoder();
  private final ByteSink bits = new ByteSink(1 << 12);
  private final Levels rep = new Levels();
  private final Levels def = new Levels();
  private int bitAcc;
  private int bitCount;
  private long valueBits;
  private int rows;
  private int nulls;
  private int levels;
  private long min = Long.MAX_VALUE;
  private long max = Long.MIN_VALUE;
  private boolean seenTrue;
  private boolean seenFalse;

  EventListColumn(ColumnDescriptor descriptor) {
    this.descriptor = descriptor;
    this.bool = descriptor.getPrimitiveType().getPrimitiveTypeName()
        == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BOOLEAN;
    this.floatWidth = switch (descriptor.getPrimitiveType().getPrimitiveTypeName()) {
      case FLOAT -> 4;
      case DOUBLE -> 8;
      default -> 0;
    };
  }

  void write(double[] v) {
    startRow(v.length);
    raw.ensure(v.length * 8);
    java.nio.ByteBuffer.wrap(raw.array(), raw.size(), v.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .asDoubleBuffer().put(v);
    raw.advance(v.length * 8);
    double lo = dmin;
    double hi = dmax;
    for (double d : v) {
      if (d < lo) {
        lo = d;
      }
      if (d > hi) {
        hi = d;
      }
    }
    dmin = lo;
    dmax = hi;
  }

  void write(float[] v) {
    startRow(v.length);
    raw.ensure(v.length * 4);
    java.nio.ByteBuffer.wrap(raw.array(), raw.size(), v.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN)
        .asFloatBuffer().put(v);
    raw.advance(v.length * 4);
    double lo = dmin;
    double hi = dmax;
    for (float d : v) {
      if (d < lo) {
        lo = d;
      }
      if (d > hi) {
        hi = d;
      }
    }
    dmin = lo;
    dmax = hi;
  }

  void write(short[] v) {
    startRow(v.length);
    delta.add(v);
    int lo = Short.MAX_VALUE;
    int hi = Short.MIN_VALUE;
    for (short s : v) {
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    min = Math.min(min, lo);
    max = Math.max(max, hi);
  }

  void write(long[] v) {
    startRow(v.length);
    delta.add(v);
    long lo = min;
    long hi = max;
    for (long s : v) {
      lo = Math.min(lo, s);
      hi = Math.max(hi, s);
    }
    min = lo;
    max = hi;
  }

  void write(boolean[] v) {
    startRow(v.length);
    int n = v.length;
    bits.ensure(n / 8 + 2);
    int acc = bitAcc;
    int count = bitCount;
    int i = 0;
    int any = 0;
    int all = 1;
    // bit by bit until the byte is aligned, then 8 values per byte
    for (; i < n && count != 0; i++) {
      int b = v[i] ? 1 : 0;
      any |= b;
      all &= b;
      acc |= b << count;
      if (++count == 8) {
        bits.put(acc);
        acc = 0;
        count = 0;
      }
    }
    byte[] out = bits.array();
    int o = bits.size();
    int anyByte = 0;
    int allByte = 0xFF;
    for (; i + 8 <= n; i += 8) {
      int b = (v[i] ? 1 : 0) | (v[i + 1] ? 2 : 0) | (v[i + 2] ? 4 : 0) | (v[i + 3] ? 8 : 0)
          | (v[i + 4] ? 16 : 0) | (v[i + 5] ? 32 : 0) | (v[i + 6] ? 64 : 0) | (v[i + 7] ? 128 : 0);
      out[o++] = (byte) b;
      anyByte |= b;
      allByte &= b;
    }
    bits.advance(o - bits.size());
    if (anyByte != 0) {
      any = 1;
    }
    if (allByte != 0xFF) {
      all = 0;
    }
    for (; i < n; i++) {
      int b = v[i] ? 1 : 0;
      any |= b;
      all &= b;
      acc |= b << count;
      count++;
    }
    bitAcc = acc;
    bitCount = count;
    valueBits += n;
    if (n > 0) {
      seenTrue |= any != 0;
      seenFalse |= all == 0;
    }
  }

  private void startRow(int n) {
    rows++;
    if (n == 0) {
      nulls++;
      levels++;
      rep.add(0, 1);
      def.add(0, 1);
      return;
    }
    levels += n;
    rep.add(0, 1);
    rep.add(1, n - 1);
    def.add(1, n);
  }

  /** Encoded bytes waiting for the next page. */
  long bufferedBytes() {
    return (bool ? bits.size() : floatWidth > 0 ? raw.size() : delta.bufferedBytes()) + rep.bytes() + def.bytes();
  }

  int rows() {
    return rows;
  }

  /** Hands the rows written since the last page to {@code writer} as one v2 data page. */
  void flushPage(PageWriter writer) throws IOException {
    if (rows == 0) {
      return;
    }
    ByteSink data = new ByteSink((int) bufferedBytes() + 32);
    Encoding encoding;
    if (bool) {
      if (bitCount > 0) {
        bits.put(bitAcc);
      }
      data.put(bits.array(), 0, bits.size());
      encoding = Encoding.PLAIN;
    } else if (floatWidth > 0) {
      // BYTE_STREAM_SPLIT: stream k holds byte k of every value
      int w = floatWidth;
      int n = raw.size() / w;
      byte[] in = raw.array();
      data.ensure(raw.size());
      byte[] out = data.array();
      int base = data.size();
      for (int k = 0; k < w; k++) {
        int o = base + k * n;
        for (int i = 0, at = k; i < n; i++, at += w) {
          out[o + i] = in[at];
        }
      }
      data.advance(raw.size());
      encoding = Encoding.BYTE_STREAM_SPLIT;
    } else {
      delta.finish(data);
      encoding = Encoding.DELTA_BINARY_PACKED;
    }
    Statistics<?> stats = Statistics.createStats(descriptor.getPrimitiveType());
    stats.incrementNumNulls(nulls);
    if (levels > nulls) {
      if (bool) {
        if (seenFalse) {
          stats.updateStats(false);
        }
        if (seenTrue) {
          stats.updateStats(true);
        }
      } else if (floatWidth == 8) {
        if (dmin <= dmax) {
          stats.updateStats(dmin);
          stats.updateStats(dmax);
        }
      } else if (floatWidth == 4) {
        if (dmin <= dmax) {
          stats.updateStats((float) dmin);
          stats.updateStats((float) dmax);
        }
      } else if (descriptor.getPrimitiveType().getPrimitiveTypeName()
          == org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64) {
        stats.updateStats(min);
        stats.updateStats(max);
      } else {
        stats.updateStats((int) min);
        stats.updateStats((int) max);
      }
    }
    writer.writePageV2(rows, nulls, levels, rep.finish(), def.finish(), encoding,
        BytesInput.from(data.array(), 0, data.size()), stats);
    bits.clear();
    raw.clear();
    dmin = Double.POSITIVE_INFINITY;
    dmax = Double.NEGATIVE_INFINITY;
    bitAcc = 0;
    bitCount = 0;
    valueBits = 0;
    rows = 0;
    nulls = 0;
    levels = 0;
    min = Long.MAX_VALUE;
    max = Long.MIN_VALUE;
    seenTrue = false;
    seenFalse = false;
  }

  /** Levels of bit width 1 as RLE runs (the RLE/bit-packing hybrid, without a length prefix, as v2 pages want). */
  private static final class Levels {

    private final ByteSink out = new ByteSink(256);
    private int value = -1;
    private long run;

    void add(int v, long n) {
      if (n == 0) {
        return;
      }
      if (v == value) {
        run += n;
        return;
      }
      emit();
      value = v;
      run = n;
    }

    private void emit() {
      if (run > 0) {
        out.varint(run << 1);
        out.put(value);
      }
    }

    int bytes() {
      return out.size() + 11;
    }

    BytesInput finish() {
      emit();
      BytesInput b = BytesInput.from(java.util.Arrays.copyOf(out.array(), out.size()));
      out.clear();
      value = -1;
      run = 0;
      return b;
    }
  }
}
