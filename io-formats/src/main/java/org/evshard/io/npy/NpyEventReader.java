package org.evshard.io.npy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/**
 * Streams a 1-D structured NPY array of events: fields {@code x}, {@code y}, {@code t} of any integer type and
 * {@code p} bool (nonzero = ON) or integer (1 = ON; 0 or -1 = OFF, as the text reader; any other value is refused with
 * its event and offset), in any order and byte order; other fields are skipped. Records are read
 * in blocks; memory is bounded by the chunk size.
 */
public final class NpyEventReader implements EventReader {

  private static final int BLOCK_BYTES = 1 << 20;

  private final InputStream in;
  private final String source;
  private final ReadOptions options;
  private final NpyHeader header;
  private final NpyField fx;
  private final NpyField fy;
  private final NpyField ft;
  private final NpyField fp;
  private final boolean booleanP;
  private final int recordSize;
  private final long count;
  private long done;
  private byte[] block;

  public NpyEventReader(InputStream in, String source, ReadOptions options) throws IOException {
    this.in = in;
    this.source = source;
    this.options = options;
    this.header = NpyHeader.read(in, source, options.maxHeaderBytes());
    NpyDtype d = header.dtype();
    long at = header.dataOffset();
    if (!d.isStructured() || header.shape().length != 1) {
      throw new UnsupportedFormatException(source, at, "expected a 1-D structured array with fields x, y, t, p "
          + "(Tonic's event dtype), found " + header);
    }
    fx = integerField(d, "x", at);
    fy = integerField(d, "y", at);
    ft = integerField(d, "t", at);
    fp = d.field("p").orElseThrow(() -> missing("p", at));
    booleanP = fp.type().type() == NpyScalarType.BOOL;
    if (!fp.type().type().isInteger() && fp.type().type() != NpyScalarType.BOOL) {
      throw new UnsupportedFormatException(source, at, "field p must be bool or integer, found " + fp.type());
    }
    recordSize = d.itemSize();
    count = header.shape()[0];
  }

  private NpyField integerField(NpyDtype d, String name, long at) {
    NpyField f = d.field(name).orElseThrow(() -> missing(name, at));
    if (!f.type().type().isInteger()) {
      throw new UnsupportedFormatException(source, at, "field " + name + " must be an integer type, found " + f.type());
    }
    return f;
  }

  private UnsupportedFormatException missing(String name, long at) {
    return new UnsupportedFormatException(source, at, "structured array lacks field '" + name
        + "'; expected fields x, y, t, p, found " + header.dtype().descr());
  }

  /** The header read at open. */
  public NpyHeader header() {
    return header;
  }

  /**
   * The records the header declares and has not yet returned, but no more than the stream still holds (as it states
   * its length): a header that declares more records than the file holds sizes nothing.
   */
  @Override
  public long remainingEventsBound() throws IOException {
    return Math.min(count - done, in.available() / recordSize);
  }

  /** Number of events the header declares. */
  public long declaredCount() {
    return count;
  }

  @Override
  public String formatName() {
    return NpyEventFormat.NAME;
  }

  @Override
  public String sourceName() {
    return source;
  }

  @Override
  public Optional<SensorGeometry> geometry() {
    return options.sensorOption();
  }

  @Override
  public boolean nextChunk(EventChunk chunk) throws IOException {
    chunk.clear();
    int n = 0;
    int cap = chunk.capacity();
    if (block == null) {
      block = new byte[Math.max(1, Math.min(cap, BLOCK_BYTES / recordSize)) * recordSize];
    }
    int perBlock = block.length / recordSize;
    while (n < cap && done < count) {
      int want = (int) Math.min(Math.min(cap - n, perBlock), count - done);
      int bytes = want * recordSize;
      int got = in.readNBytes(block, 0, bytes);
      if (got < bytes) {
        long at = bytePosition() + got;
        throw new CorruptInputException(source, at, "NPY data truncated: header declares " + count + " records of "
            + recordSize + " bytes, the file ends " + (at - header.dataOffset()) + " bytes into the data");
      }
      decode(want, chunk, n);
      n += want;
      done += want;
    }
    if (done == count && n == 0 && in.read() >= 0) {
      throw new CorruptInputException(source, bytePosition(), "trailing bytes after the " + count
          + " records the NPY header declares");
    }
    chunk.setSize(n);
    return n > 0;
  }

  private void decode(int records, EventChunk c, int to) {
    for (int i = 0; i < records; i++) {
      int r = i * recordSize;
      long x = NpyCodec.readInteger(block, r + fx.offset(), fx.type());
      long y = NpyCodec.readInteger(block, r + fy.offset(), fy.type());
      long t = NpyCodec.readInteger(block, r + ft.offset(), ft.type());
      if (x != (short) x || y != (short) y || (t < 0 && ft.type().type() == NpyScalarType.UINT64)) {
        throw new CorruptInputException(source, bytePosition() + r, "event " + (done + i) + ": x=" + shown(x, fx)
            + " y=" + shown(y, fy) + " t=" + shown(t, ft)
            + " does not fit the event model (16-bit x and y, signed 64-bit t)");
      }
      c.x[to + i] = (short) x;
      c.y[to + i] = (short) y;
      c.t[to + i] = t;
      long p = NpyCodec.readInteger(block, r + fp.offset(), fp.type());
      if (p == 1 || booleanP && p != 0) {
        c.p[to + i] = true;
      } else if (p == 0 || p == -1) { // -1/+1 polarity (Tonic's voxel grid, rpg tools): -1 is OFF
        c.p[to + i] = false;
      } else {
        throw new CorruptInputException(source, bytePosition() + r, "event " + (done + i) + ": p=" + shown(p, fp)
            + " is not a polarity (1 for ON; 0 or -1 for OFF)");
      }
    }
  }

  /** A value as its field's type holds it (uint64 values above 2^63 - 1 are read as negative longs). */
  private static String shown(long v, NpyField f) {
    return f.type().type() == NpyScalarType.UINT64 ? Long.toUnsignedString(v) : Long.toString(v);
  }

  @Override
  public long bytePosition() {
    return header.dataOffset() + done * recordSize;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
