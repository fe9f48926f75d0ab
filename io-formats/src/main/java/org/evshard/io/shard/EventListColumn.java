package org.evshard.io.shard;

import java.io.IOException;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.PageWriter;
import org.apache.parquet.column.statistics.Statistics;

/**
 * Encodes one event list column ({@code required group (LIST) { repeated group list { required T element } }}) into
 * v2 data pages in bulk, one row at a time: repetition and definition levels as RLE runs (a row of n events is
 * the runs r=0 x1, r=1 x(n-1) and d=1 xn; an empty row is one null at r=0, d=0), values DELTA_BINARY_PACKED (x, y,
 * t) or PLAIN bit-packed (p), and min/max statistics. parquet-mr's per-value column writer costs about 100 ns per
 * value; this is the same bytes at a few ns. Pages end at row boundaries.
 */
final class EventListColumn {

  private final ColumnDescriptor descriptor;
  private final boolean bool;
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
    return (bool ? bits.size() : delta.bufferedBytes()) + rep.bytes() + def.bytes();
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
