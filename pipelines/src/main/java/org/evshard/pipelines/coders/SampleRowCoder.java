package org.evshard.pipelines.coders;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.evshard.io.events.Events;
import org.evshard.io.shard.SampleRow;

/**
 * Encodes a {@link SampleRow} as its metadata followed by the four event columns in bulk (13 bytes per event), so a
 * sample crosses a DoFn boundary as columns, never as one object per event.
 */
public final class SampleRowCoder extends AtomicCoder<SampleRow> {

  private static final SampleRowCoder INSTANCE = new SampleRowCoder();
  /** Refuses to decode a row claiming more events than this; guards against corrupt bytes. */
  private static final int MAX_EVENTS = Integer.MAX_VALUE / 16;

  public static SampleRowCoder of() {
    return INSTANCE;
  }

  private SampleRowCoder() {}

  @Override
  public void encode(SampleRow row, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    out.writeUTF(row.sampleId());
    out.writeUTF(row.dataset());
    out.writeUTF(row.split());
    out.writeInt(row.label());
    out.writeUTF(row.labelName());
    out.writeUTF(row.source());
    out.writeInt(row.sensorWidth());
    out.writeInt(row.sensorHeight());
    Events e = row.events();
    int n = e.size();
    out.writeInt(n);
    ByteBuffer buf = ByteBuffer.allocate(n * 13).order(ByteOrder.LITTLE_ENDIAN);
    buf.asShortBuffer().put(e.x());
    buf.position(2 * n);
    buf.slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(e.y());
    buf.position(4 * n);
    buf.slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().put(e.t());
    byte[] bytes = buf.array();
    boolean[] p = e.p();
    for (int i = 0, o = 12 * n; i < n; i++) {
      bytes[o + i] = (byte) (p[i] ? 1 : 0);
    }
    out.write(bytes);
    out.flush();
  }

  @Override
  public SampleRow decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    String sampleId = in.readUTF();
    String dataset = in.readUTF();
    String split = in.readUTF();
    int label = in.readInt();
    String labelName = in.readUTF();
    String source = in.readUTF();
    int w = in.readInt();
    int h = in.readInt();
    int n = in.readInt();
    if (n < 0 || n > MAX_EVENTS) {
      throw new CoderException("corrupt SampleRow encoding: " + n + " events");
    }
    byte[] bytes = new byte[n * 13];
    in.readFully(bytes);
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    buf.asShortBuffer().get(x);
    buf.position(2 * n);
    buf.slice().order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(y);
    buf.position(4 * n);
    buf.slice().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(t);
    for (int i = 0, o = 12 * n; i < n; i++) {
      p[i] = bytes[o + i] != 0;
    }
    return new SampleRow(sampleId, dataset, split, label, labelName, source, w, h, Events.wrap(x, y, t, p));
  }

  @Override
  public void verifyDeterministic() {}
}
