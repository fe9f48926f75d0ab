package org.evshard.pipelines.split;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.evshard.io.events.Events;

/**
 * Encodes a {@link SplitChunk} as its file name, indices, event count and the four columns as little-endian blocks
 * (x, y as int16, t as int64, p as one byte each). Deterministic. A decoded count is checked against a limit before
 * the columns are allocated.
 */
public final class SplitChunkCoder extends AtomicCoder<SplitChunk> {

  /** Most events one encoded chunk may hold (far above any chunk size a reader uses). */
  static final int MAX_EVENTS = 1 << 26;
  private static final SplitChunkCoder INSTANCE = new SplitChunkCoder();
  private static final long serialVersionUID = 1L;

  private SplitChunkCoder() {
  }

  public static SplitChunkCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(SplitChunk c, OutputStream os) throws IOException {
    DataOutputStream out = new DataOutputStream(os);
    out.writeUTF(c.file());
    out.writeInt(c.split());
    out.writeInt(c.chunk());
    Events e = c.events();
    int n = e.size();
    out.writeInt(n);
    ByteBuffer b = ByteBuffer.allocate(n * 13).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(e.x(), 0, n);
    b.position(2 * n);
    b.slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(e.y(), 0, n);
    b.position(4 * n);
    b.slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(e.t(), 0, n);
    for (int i = 0; i < n; i++) {
      b.put(12 * n + i, (byte) (e.p()[i] ? 1 : 0));
    }
    out.write(b.array());
    out.flush();
  }

  @Override
  public SplitChunk decode(InputStream is) throws IOException {
    DataInputStream in = new DataInputStream(is);
    String file = in.readUTF();
    int split = in.readInt();
    int chunk = in.readInt();
    int n = in.readInt();
    if (n < 0 || n > MAX_EVENTS) {
      throw new CoderException("a chunk of 0.." + MAX_EVENTS + " events expected, found " + n);
    }
    byte[] bytes = in.readNBytes(13 * n);
    if (bytes.length != 13 * n) {
      throw new CoderException("the chunk ends after " + bytes.length + " of " + 13 * n + " column bytes");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    b.asShortBuffer().get(x);
    b.position(2 * n);
    b.slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(y);
    b.position(4 * n);
    b.slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(t);
    for (int i = 0; i < n; i++) {
      p[i] = bytes[12 * n + i] != 0;
    }
    return new SplitChunk(file, split, chunk, Events.wrap(x, y, t, p));
  }

  @Override
  public List<? extends Coder<?>> getCoderArguments() {
    return List.of();
  }

  @Override
  public void verifyDeterministic() {
  }
}
