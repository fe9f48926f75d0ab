package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Locale;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.format.ReadOptions;

/**
 * Streams a Prophesee EVT 2.1 RAW file: a {@code %} header, then 64-bit words whose top 4 bits give the type.
 * EVT_NEG (0x0) / EVT_POS (0x1): timestamp LSBs in bits 59..54, x in 53..43 (aligned to 32), y in 42..32, and a 32-bit
 * valid mask in 31..0 whose bit i is an event at (x + i, y). EVT_TIME_HIGH (0x8): timestamp bits 33..6 in bits
 * 59..32, {@code t = th << 6 | lsb}; a smaller TIME_HIGH than the previous one is a wrap and adds 2^34. EXT_TRIGGER
 * (0xA): LSBs in 59..54, channel in 44..40, edge in bit 32, returned through {@link #triggers()}. OTHERS, CONTINUED,
 * reserved types and every word before the first TIME_HIGH are skipped and counted.
 *
 * <p>Byte order follows the header's {@code % format EVT21;endianness=...}: {@code little} (the default) stores each
 * word as one little-endian 64-bit value; {@code legacy} (IMX636 cameras) stores it as two little-endian 32-bit
 * halves, bits 63..32 first, so the first four bytes hold type, time, x and y and the last four the mask.
 */
public final class Evt21Reader extends WordReader {

  static final int WORD_BYTES = 8;
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final boolean legacy;
  private boolean timeSet;
  private long lastHigh;
  private long wraps;
  private long timeBase;

  public Evt21Reader(InputStream in, String source, ReadOptions options) throws IOException {
    super(in, source, options, WORD_BYTES);
    requireEncoding(Evt21Format.NAME);
    String endianness = header.formatOptions().getOrDefault("endianness", "little").toLowerCase(Locale.ROOT);
    if (!endianness.equals("little") && !endianness.equals("legacy")) {
      throw new UnsupportedFormatException(source, 0, "EVT 2.1 endianness '" + endianness
          + "' is not supported (expected 'little' or 'legacy')");
    }
    legacy = endianness.equals("legacy");
  }

  /** True when the header says {@code endianness=legacy}. */
  public boolean legacyEndianness() {
    return legacy;
  }

  @Override
  public String formatName() {
    return Evt21Format.NAME;
  }

  @Override
  int decode(EventChunk chunk, int n) {
    final byte[] b = in.buf;
    int o = in.pos;
    final int end = o + ((in.limit - o) & ~(WORD_BYTES - 1));
    if (!timeSet) {
      o = skipToTimeHigh(b, o, end);
    }
    final int cap = chunk.capacity();
    final short[] xs = chunk.x;
    final short[] ys = chunk.y;
    final long[] ts = chunk.t;
    final boolean[] ps = chunk.p;
    final int rotate = legacy ? 32 : 0;
    long base = timeBase;
    long others = 0;
    long continued = 0;
    long reserved = 0;
    long trig = 0;
    int j = n;
    while (o < end && j < cap) {
      long w = Long.rotateLeft((long) LONG_LE.get(b, o), rotate);
      o += WORD_BYTES;
      int type = (int) (w >>> 60);
      if (type <= 1) {
        int x = (int) (w >>> 43) & 0x7FF;
        short y = (short) ((int) (w >>> 32) & 0x7FF);
        long t = base | (w >>> 54 & 0x3F);
        boolean p = type != 0;
        int mask = (int) w;
        if (cap - j >= 32) {
          while (mask != 0) {
            int off = Integer.numberOfTrailingZeros(mask);
            mask &= mask - 1;
            xs[j] = (short) (x + off);
            ys[j] = y;
            ts[j] = t;
            ps[j] = p;
            j++;
          }
        } else {
          j = emitVector(chunk, j, mask & 0xFFFFFFFFL, x, y, t, p);
        }
      } else if (type == 0x8) {
        base = timeHigh(w);
      } else if (type == 0xA) {
        triggers.add(base | (w >>> 54 & 0x3F), (int) (w >>> 40) & 0x1F, (w >>> 32 & 1) != 0);
        trig++;
      } else if (type == 0xE) {
        others++;
      } else if (type == 0xF) {
        continued++;
      } else {
        reserved++;
      }
    }
    timeBase = base;
    in.pos = o;
    countSkipped(TRIGGER, trig);
    countSkipped(OTHERS, others);
    countSkipped(CONTINUED, continued);
    countSkipped(RESERVED, reserved);
    return j;
  }

  private long timeHigh(long w) {
    long high = w >>> 32 & 0x0FFFFFFF;
    if (high < lastHigh) {
      wraps++;
    }
    lastHigh = high;
    return wraps << 34 | high << 6;
  }

  private int skipToTimeHigh(byte[] b, int o, int end) {
    int start = o;
    while (o < end) {
      long w = Long.rotateLeft((long) LONG_LE.get(b, o), legacy ? 32 : 0);
      o += WORD_BYTES;
      if (w >>> 60 == 0x8) {
        timeSet = true;
        lastHigh = w >>> 32 & 0x0FFFFFFF;
        timeBase = lastHigh << 6;
        break;
      }
    }
    countSkipped(BEFORE_TIME_HIGH, (o - start) / WORD_BYTES - (timeSet ? 1 : 0));
    return o;
  }
}
