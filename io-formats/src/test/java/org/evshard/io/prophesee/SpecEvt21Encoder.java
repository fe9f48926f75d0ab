package org.evshard.io.prophesee;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Test-side EVT 2.1 encoder written from Prophesee's EVT 2.1 specification, independent of {@link Evt21Reader}.
 * A word is 64 bits with the type in bits 63..60. {@code little} byte order writes it as one little-endian 64-bit
 * value; {@code legacy} (IMX636) as two little-endian 32-bit halves, bits 63..32 first. No real EVT 2.1 recording is
 * available, so every EVT 2.1 test input is built with this class.
 */
final class SpecEvt21Encoder {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final boolean legacy;

  SpecEvt21Encoder(String header, boolean legacy) {
    this.legacy = legacy;
    out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
  }

  /** EVT_TIME_HIGH (0x8): bits 59..32 = timestamp bits 33..6. */
  SpecEvt21Encoder timeHigh(long th) {
    return word(0x8L << 60 | (th & 0x0FFFFFFFL) << 32);
  }

  /** EVT_NEG (0x0) / EVT_POS (0x1): 59..54 timestamp LSBs, 53..43 x (aligned to 32), 42..32 y, 31..0 valid mask. */
  SpecEvt21Encoder vector(int x, int y, int lsb, boolean on, int valid) {
    return word((on ? 1L : 0L) << 60 | (long) lsb << 54 | (long) x << 43 | (long) y << 32 | (valid & 0xFFFFFFFFL));
  }

  /** EXT_TRIGGER (0xA): 59..54 timestamp LSBs, 44..40 channel, 32 edge. */
  SpecEvt21Encoder trigger(int lsb, int channel, boolean rising) {
    return word(0xAL << 60 | (long) lsb << 54 | (long) channel << 40 | (rising ? 1L : 0L) << 32);
  }

  SpecEvt21Encoder word(long w) {
    long first = legacy ? w >>> 32 : w;
    long second = legacy ? w : w >>> 32;
    for (int i = 0; i < 4; i++) {
      out.write((int) (first >>> (8 * i)));
    }
    for (int i = 0; i < 4; i++) {
      out.write((int) (second >>> (8 * i)));
    }
    return this;
  }

  byte[] toByteArray() {
    return out.toByteArray();
  }
}
