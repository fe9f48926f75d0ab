package org.evshard.io.atis;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Optional;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.Wording;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.vector.VectorKernels;

/**
 * Streams an ATIS {@code .bin} recording (N-MNIST, N-Caltech101). Each 5-byte record holds x (byte 0), y (byte 1),
 * polarity (bit 7 of byte 2, 1 = ON) and a 23-bit timestamp in microseconds (the rest of bytes 2..4, big endian).
 * A record with {@code y == 240} is a timestamp-overflow marker: it is dropped and 2^13 is added to every later
 * timestamp, as Orchard's reference code and Tonic's {@code read_mnist_file} do.
 *
 * <p>The input is read in blocks of at most {@value #BLOCK_RECORDS} records into one reused buffer and decoded with
 * a plain array loop, or by a vector loop ({@link AtisBinVectorDecoder}: steps of 64 records on 512-bit vectors, of
 * 32 on 256-bit ones) where {@link VectorKernels#ENABLED}; a record split across two reads is carried over. The first
 * read is sized to what the stream says it holds, so that a small recording costs no full-block buffer.
 */
public final class AtisBinReader implements EventReader {

  /** Bytes per record. */
  public static final int RECORD_BYTES = 5;
  /** The y value that marks a timestamp overflow. */
  public static final int OVERFLOW_Y = 240;
  /** What each overflow marker adds to later timestamps (2^13, as the reference code does). */
  public static final long OVERFLOW_STEP = 1L << 13;
  /** Largest raw timestamp a record holds. */
  public static final int MAX_RAW_TIMESTAMP = (1 << 23) - 1;
  /**
   * Records per read: 80 KB, so that the block and a default chunk's columns (13 bytes per event) stay in a 1 MB L2
   * cache; a 64 K-record block decoded a third slower.
   */
  static final int BLOCK_RECORDS = 1 << 14;

  private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  /** Spare bytes after the data so that an 8-byte load at the last record stays inside the array. */
  private static final int SLACK = 8 - RECORD_BYTES;

  private final InputStream in;
  private final String source;
  private final ReadOptions options;
  /** The vector record loop, or null for the scalar loop alone. */
  private final AtisBinVectorDecoder vector;
  /** Smallest first buffer, whatever {@link InputStream#available} says. */
  private static final int MIN_FIRST_BYTES = 4096;
  /** Sized by {@link #grow}: a 20 KB N-MNIST file needs no 80 KB buffer allocated and zeroed. */
  private byte[] buf = new byte[0];
  private int pos;
  private int limit;
  private long bufStart;
  private long timeBase;
  private boolean eof;
  /** The last read filled the buffer: more may follow, so the next read gets the full block. */
  private boolean lastReadFilled;

  public AtisBinReader(InputStream in, String source, ReadOptions options) {
    this(in, source, options, VectorKernels.BITS);
  }

  /**
   * With {@code vectorBits} 512 or 256, that width's record loop ({@link AtisBinVectorDecoder#forBits}); with 0 the
   * scalar loop alone. Tests compare the loops.
   */
  AtisBinReader(InputStream in, String source, ReadOptions options, int vectorBits) {
    this.in = in;
    this.source = source;
    this.options = options;
    this.vector = vectorBits == 0 ? null : AtisBinVectorDecoder.forBits(vectorBits);
  }

  @Override
  public String formatName() {
    return AtisBinFormat.NAME;
  }

  @Override
  public String sourceName() {
    return source;
  }

  /** The format states no geometry: this is the one given in the options, if any. */
  @Override
  public Optional<SensorGeometry> geometry() {
    return options.sensorOption();
  }

  @Override
  public boolean nextChunk(EventChunk chunk) throws IOException {
    int n = 0;
    int cap = chunk.capacity();
    while (n < cap) {
      if (limit - pos < RECORD_BYTES && !fill()) {
        break;
      }
      // every record gives at most one event, so k records never overrun the chunk
      int k = Math.min((limit - pos) / RECORD_BYTES, cap - n);
      n = decode(chunk, n, k);
    }
    chunk.setSize(n);
    return n > 0;
  }

  private int decode(EventChunk chunk, int n, int k) {
    final byte[] b = buf;
    final short[] xs = chunk.x;
    final short[] ys = chunk.y;
    final long[] ts = chunk.t;
    final boolean[] ps = chunk.p;
    long base = timeBase;
    int o = pos;
    int j = n;
    int i = 0;
    while (i < k) {
      int stop = k;
      if (vector != null) { // marker-free groups of eight records, then the scalar loop takes the next eight
        int done = vector.decode(b, o, k - i, xs, ys, ts, ps, j, base);
        i += done;
        o += done * RECORD_BYTES;
        j += done;
        stop = Math.min(k, i + AtisBinVectorDecoder.GROUP);
      }
      for (; i < stop; i++, o += RECORD_BYTES) {
        long v = (long) LONG_BE.get(b, o); // bytes o..o+7; the record is the top 40 bits
        int y = (int) (v >>> 48) & 0xFF;
        if (y == OVERFLOW_Y) {
          base += OVERFLOW_STEP;
          continue;
        }
        xs[j] = (short) (v >>> 56 & 0xFF);
        ys[j] = (short) y;
        ps[j] = (v & 1L << 47) != 0;
        ts[j] = base + (v >>> 24 & MAX_RAW_TIMESTAMP);
        j++;
      }
    }
    timeBase = base;
    pos = o;
    return j;
  }

  /**
   * Sizes the buffer: on the first read to the bytes the stream says it holds (plus one record, so that a buffer
   * filled to the brim is told from the end), at least {@link #MIN_FIRST_BYTES}; after a read that filled it, the
   * full block.
   */
  private void grow() throws IOException {
    int full = BLOCK_RECORDS * RECORD_BYTES + SLACK;
    if (buf.length == full) {
      return;
    }
    long want = buf.length == 0 ? (long) in.available() + RECORD_BYTES + SLACK : full;
    buf = Arrays.copyOf(buf, (int) Math.min(full, Math.max(MIN_FIRST_BYTES, want)));
  }

  /** Moves a partial record to the front and reads more; false at a clean end of input. */
  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int rest = limit - pos;
    if (buf.length == 0 || lastReadFilled) {
      grow();
    }
    System.arraycopy(buf, pos, buf, 0, rest);
    bufStart += pos;
    pos = 0;
    limit = rest;
    int room = buf.length - SLACK - rest;
    int got = in.readNBytes(buf, rest, room);
    lastReadFilled = got == room;
    limit += got;
    if (got > 0) {
      return true;
    }
    eof = true;
    if (bufStart == 0 && rest == 0) {
      throw new CorruptInputException(source, 0, "empty recording: 0 bytes");
    }
    if (rest > 0) {
      throw new CorruptInputException(source, bufStart, "the file ends " + Wording.count(rest, "byte") + " into a "
          + RECORD_BYTES + "-byte event record (truncated or trailing garbage); expected a length that is a multiple"
          + " of " + RECORD_BYTES + ", found " + (bufStart + rest) + " bytes");
    }
    return false;
  }

  /** The whole records left, buffered or in the stream (as it states its length); an overflow marker is no event. */
  @Override
  public long remainingEventsBound() throws IOException {
    return eof ? 0 : ((long) (limit - pos) + in.available()) / RECORD_BYTES;
  }

  /** The timestamp-overflow markers read so far ({@code overflow-markers}): records that are no events. */
  @Override
  public java.util.Map<String, Long> skippedCounts() {
    long markers = timeBase / OVERFLOW_STEP; // only markers move the time base, from 0
    return markers == 0 ? java.util.Map.of() : java.util.Map.of("overflow-markers", markers);
  }

  @Override
  public long bytePosition() {
    return bufStart + pos;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
