package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.format.ReadOptions;

/**
 * Streams a Prophesee DAT file: {@code %} header lines ({@code % Width}, {@code % Height}, {@code % Version},
 * {@code % Date}, ...), one byte event type (0 = 2D/CD event, 12 = CD event) and one byte event size (8), then
 * 8-byte little-endian records: u32 timestamp in microseconds, then u32 packing x (bits 13..0), y (bits 27..14) and
 * polarity (bits 31..28, nonzero = ON). Timestamps are returned as stored (no 32-bit wrap handling, as Prophesee's
 * and Tonic's loaders do).
 */
public final class DatReader extends WordReader {

  /** Bytes per record. */
  public static final int RECORD_BYTES = 8;
  /** Event type byte of 2D (CD) events, as in N-CARS and other ATIS-era recordings. */
  public static final int TYPE_2D = 0;
  /** Event type byte of CD events in later DAT files. */
  public static final int TYPE_CD = 12;
  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final int eventType;

  public DatReader(InputStream in, String source, ReadOptions options) throws IOException {
    super(in, source, options, RECORD_BYTES);
    header.encoding().ifPresent(e -> {
      throw new UnsupportedFormatException(source, 0, "the header declares '" + e + "', not a DAT file; open it as "
          + e);
    });
    long at = this.in.position();
    while (this.in.available() < 2) {
      if (!this.in.fill()) {
        throw new CorruptInputException(source, at, "the event type and size bytes after the header",
            this.in.available() + " bytes (the file ends)");
      }
    }
    eventType = this.in.buf[this.in.pos] & 0xFF;
    int size = this.in.buf[this.in.pos + 1] & 0xFF;
    if (size != RECORD_BYTES) {
      throw new CorruptInputException(source, at + 1, "an event size of " + RECORD_BYTES, String.valueOf(size));
    }
    if (eventType != TYPE_2D && eventType != TYPE_CD) {
      throw new UnsupportedFormatException(source, at, "DAT event type " + eventType
          + " is not a CD event type (" + TYPE_2D + " or " + TYPE_CD + ")");
    }
    this.in.pos += 2;
  }

  /** The file's event type byte ({@link #TYPE_2D} or {@link #TYPE_CD}). */
  public int eventType() {
    return eventType;
  }

  @Override
  boolean atMostOneEventPerWord() {
    return true;
  }

  @Override
  public String formatName() {
    return DatFormat.NAME;
  }

  @Override
  int decode(EventChunk chunk, int n) {
    final byte[] b = in.buf;
    int o = in.pos;
    final int k = Math.min((in.limit - o) / RECORD_BYTES, chunk.capacity() - n);
    final short[] xs = chunk.x;
    final short[] ys = chunk.y;
    final long[] ts = chunk.t;
    final boolean[] ps = chunk.p;
    for (int i = 0, j = n; i < k; i++, j++, o += RECORD_BYTES) {
      long v = (long) LONG_LE.get(b, o);
      int d = (int) (v >>> 32);
      ts[j] = v & 0xFFFFFFFFL;
      xs[j] = (short) (d & 0x3FFF);
      ys[j] = (short) (d >>> 14 & 0x3FFF);
      ps[j] = d >>> 28 != 0;
    }
    in.pos = o;
    return n + k;
  }
}
