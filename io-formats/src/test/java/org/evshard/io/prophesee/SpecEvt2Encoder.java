package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Test-side EVT 2.0 encoder written from Prophesee's EVT 2.0 specification (32-bit little-endian words, type in bits
 * 31..28), independent of {@link Evt2Reader}: tests and the benchmark build inputs with it.
 */
final class SpecEvt2Encoder {

  private final OutputStream out;
  private long high = -1;

  SpecEvt2Encoder(OutputStream out, String header) {
    this.out = out;
    try {
      out.write(header.getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** EVT_TIME_HIGH (0x8): bits 27..0 = timestamp bits 33..6. */
  SpecEvt2Encoder timeHigh(long th) {
    return word(0x8L << 28 | (th & 0x0FFFFFFF));
  }

  /** CD_OFF (0x0) / CD_ON (0x1): bits 27..22 timestamp LSBs, 21..11 x, 10..0 y. */
  SpecEvt2Encoder cd(int x, int y, int lsb, boolean on) {
    return word((on ? 1L : 0L) << 28 | (long) lsb << 22 | (long) x << 11 | y);
  }

  /** EXT_TRIGGER (0xA): bits 27..22 timestamp LSBs, 12..8 channel, 0 edge. */
  SpecEvt2Encoder trigger(int lsb, int channel, boolean rising) {
    return word(0xAL << 28 | (long) lsb << 22 | (long) channel << 8 | (rising ? 1 : 0));
  }

  /** An event at time {@code t}, preceded by a TIME_HIGH when {@code t >> 6} changed (t below 2^34). */
  SpecEvt2Encoder event(int x, int y, long t, boolean on) {
    if (t >>> 6 != high) {
      high = t >>> 6;
      timeHigh(high);
    }
    return cd(x, y, (int) (t & 0x3F), on);
  }

  SpecEvt2Encoder word(long w) {
    try {
      out.write((int) w);
      out.write((int) (w >>> 8));
      out.write((int) (w >>> 16));
      out.write((int) (w >>> 24));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }
}
