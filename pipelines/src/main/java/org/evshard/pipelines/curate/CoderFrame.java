package org.evshard.pipelines.curate;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.util.VarInt;
import org.evshard.io.error.Wording;

/**
 * Bulk framing for the curation coders: a value is its fields packed big-endian into one array, written as the
 * array's length (VarInt) and the array in one call, and read back with one {@code readFully}. Stream-per-field coding
 * ({@code DataOutputStream} over Beam's stream) made a call per byte of every int and per character of every string;
 * at CIFAKE size those coders took a quarter of the run's CPU. Strings are UTF-8 with an int length, -1 for null.
 */
final class CoderFrame {

  /** Largest frame or array a value may carry (an image or tensor of 1 GiB is not a sample). */
  static final int MAX_BYTES = 1 << 30;

  private CoderFrame() {
  }

  /** Builds one frame. Not thread-safe; one per {@code encode} call. */
  static final class Writer {
    private byte[] buf = new byte[512];
    private int size;

    Writer putInt(int v) {
      ensure(4);
      buf[size] = (byte) (v >>> 24);
      buf[size + 1] = (byte) (v >>> 16);
      buf[size + 2] = (byte) (v >>> 8);
      buf[size + 3] = (byte) v;
      size += 4;
      return this;
    }

    Writer putLong(long v) {
      putInt((int) (v >>> 32));
      return putInt((int) v);
    }

    Writer putBool(boolean b) {
      ensure(1);
      buf[size++] = (byte) (b ? 1 : 0);
      return this;
    }

    /** A nullable string. */
    Writer putString(String s) {
      return s == null ? putInt(-1) : putBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A non-null byte array, length first. */
    Writer putBytes(byte[] b) {
      putInt(b.length);
      ensure(b.length);
      System.arraycopy(b, 0, buf, size, b.length);
      size += b.length;
      return this;
    }

    void writeTo(OutputStream out) throws IOException {
      VarInt.encode(size, out);
      out.write(buf, 0, size);
    }

    private void ensure(int more) {
      if (size + more > buf.length) {
        if ((long) size + more > MAX_BYTES) {
          throw new IllegalArgumentException("a coded value would exceed " + MAX_BYTES + " bytes");
        }
        buf = Arrays.copyOf(buf, (int) Math.min(MAX_BYTES, Math.max(2L * buf.length, (long) size + more)));
      }
    }
  }

  /** Reads one frame's fields in the order they were put. */
  static final class Reader {
    private final ByteBuffer in;

    private Reader(ByteBuffer in) {
      this.in = in;
    }

    /** Reads exactly one frame from {@code stream}. */
    static Reader of(InputStream stream) throws IOException {
      int n;
      try {
        n = VarInt.decodeInt(stream);
      } catch (EOFException e) {
        throw new CoderException("the stream ends before a frame's length");
      } catch (CoderException e) {
        throw e;
      } catch (IOException e) { // VarInt's "varint not terminated": the stream ends inside the length
        throw new CoderException("a frame's length is cut or malformed: " + e.getMessage());
      }
      if (n < 0 || n > MAX_BYTES) {
        throw new CoderException("frame length " + n + " out of range 0.." + MAX_BYTES);
      }
      byte[] b = stream.readNBytes(n); // grows as bytes arrive: a damaged length allocates no more than is there
      if (b.length != n) {
        throw new CoderException("the stream ends " + Wording.count(b.length, "byte") + " into a frame of " + n
            + " bytes");
      }
      return new Reader(ByteBuffer.wrap(b));
    }

    int getInt() throws CoderException {
      try {
        return in.getInt();
      } catch (BufferUnderflowException e) {
        throw truncated();
      }
    }

    long getLong() throws CoderException {
      try {
        return in.getLong();
      } catch (BufferUnderflowException e) {
        throw truncated();
      }
    }

    boolean getBool() throws CoderException {
      try {
        return in.get() != 0;
      } catch (BufferUnderflowException e) {
        throw truncated();
      }
    }

    /** A nullable string. */
    String getString() throws CoderException {
      int n = getInt();
      return n == -1 ? null : new String(bytesOf(n), StandardCharsets.UTF_8);
    }

    /** A non-null byte array, length first. */
    byte[] getBytes() throws CoderException {
      return bytesOf(getInt());
    }

    private byte[] bytesOf(int n) throws CoderException {
      if (n < 0 || n > in.remaining()) {
        throw new CoderException("array length " + n + " with " + in.remaining() + " bytes left in the frame");
      }
      byte[] b = new byte[n];
      in.get(b);
      return b;
    }

    private CoderException truncated() {
      return new CoderException("frame ends early at byte " + in.position() + " of " + in.limit());
    }
  }
}
