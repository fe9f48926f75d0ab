package org.evshard.io.aedat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Builds AEDAT 3.1 bytes straight from the specification (libcaer's packet header and polarity/special event
 * layouts), with {@link ByteBuffer} and none of the reader's code: no real AEDAT 3.1 recording with a reference
 * decode is available, so tests decode these instead.
 */
final class Aedat31SpecBuilder {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  Aedat31SpecBuilder(String sourceLine) {
    String h = "#!AER-DAT3.1\r\n#Format: RAW\r\n" + (sourceLine == null ? "" : sourceLine + "\r\n")
        + "#Start-Time: 2017-01-01 00:00:00 (TZ+0000)\r\n#!END-HEADER\r\n";
    out.writeBytes(h.getBytes(StandardCharsets.US_ASCII));
  }

  /** A polarity packet; each event is {x, y, p, t, valid}. */
  Aedat31SpecBuilder polarity(int tsOverflow, int[]... events) {
    ByteBuffer b = header(1, 8, tsOverflow, events.length, events.length);
    for (int[] e : events) {
      b.putInt(e[0] << 17 | e[1] << 2 | e[2] << 1 | e[4]);
      b.putInt(e[3]);
    }
    out.writeBytes(b.array());
    return this;
  }

  /** A special packet; each event is {type, t}. */
  Aedat31SpecBuilder special(int tsOverflow, int[]... events) {
    ByteBuffer b = header(0, 8, tsOverflow, events.length, events.length);
    for (int[] e : events) {
      b.putInt(e[0] << 1 | 1);
      b.putInt(e[1]);
    }
    out.writeBytes(b.array());
    return this;
  }

  /** A packet of another type with {@code number} events of {@code size} zero bytes. */
  Aedat31SpecBuilder other(int type, int size, int number) {
    ByteBuffer b = header(type, size, 0, number, number);
    out.writeBytes(b.array());
    return this;
  }

  private static ByteBuffer header(int type, int size, int tsOverflow, int capacity, int number) {
    ByteBuffer b = ByteBuffer.allocate(28 + size * capacity).order(ByteOrder.LITTLE_ENDIAN);
    b.putShort((short) type).putShort((short) 1).putInt(size).putInt(4).putInt(tsOverflow).putInt(capacity)
        .putInt(number).putInt(number);
    return b;
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
