package org.evshard.pipelines.curate;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.evshard.io.shard.ImageRow;

/** A compact, deterministic Beam coder of {@link ImageRow}: fields in order, byte arrays length-prefixed. */
public final class ImageRowCoder extends AtomicCoder<ImageRow> {

  private static final ImageRowCoder INSTANCE = new ImageRowCoder();
  /** Largest array a row may carry (an image or tensor of 1 GiB is not a sample). */
  private static final int MAX_ARRAY = 1 << 30;

  private ImageRowCoder() {
  }

  public static ImageRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ImageRow r, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    out.writeUTF(r.sampleId());
    out.writeUTF(r.dataset());
    out.writeUTF(r.split());
    out.writeBoolean(r.label() != null);
    if (r.label() != null) {
      out.writeInt(r.label());
      out.writeUTF(r.labelName());
    }
    out.writeUTF(r.source());
    writeNullable(out, r.caption());
    out.writeInt(r.width());
    out.writeInt(r.height());
    out.writeInt(r.originalWidth());
    out.writeInt(r.originalHeight());
    out.writeUTF(r.sha256());
    out.writeUTF(r.imageFormat());
    writeBytes(out, r.image());
    out.writeInt(r.attributes().size());
    for (Map.Entry<String, String> e : r.attributes().entrySet()) {
      out.writeUTF(e.getKey());
      out.writeUTF(e.getValue());
    }
    out.writeBoolean(r.tensor() != null);
    if (r.tensor() != null) {
      writeBytes(out, r.tensor());
      out.writeInt(r.tensorShape().length);
      for (int d : r.tensorShape()) {
        out.writeInt(d);
      }
    }
    out.flush();
  }

  @Override
  public ImageRow decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    String sampleId = in.readUTF();
    String dataset = in.readUTF();
    String split = in.readUTF();
    Integer label = null;
    String labelName = null;
    if (in.readBoolean()) {
      label = in.readInt();
      labelName = in.readUTF();
    }
    String source = in.readUTF();
    String caption = readNullable(in);
    int width = in.readInt();
    int height = in.readInt();
    int originalWidth = in.readInt();
    int originalHeight = in.readInt();
    String sha256 = in.readUTF();
    String format = in.readUTF();
    byte[] image = readBytes(in);
    int n = in.readInt();
    Map<String, String> attributes = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      attributes.put(in.readUTF(), in.readUTF());
    }
    byte[] tensor = null;
    int[] shape = null;
    if (in.readBoolean()) {
      tensor = readBytes(in);
      shape = new int[in.readInt()];
      if (shape.length > 8) {
        throw new CoderException("tensor of " + sampleId + " has " + shape.length + " dimensions");
      }
      for (int i = 0; i < shape.length; i++) {
        shape[i] = in.readInt();
      }
    }
    return new ImageRow(sampleId, dataset, split, label, labelName, source, caption, width, height, originalWidth,
        originalHeight, sha256, format, image, attributes, tensor, shape);
  }

  @Override
  public void verifyDeterministic() {
  }

  @Override
  public List<? extends org.apache.beam.sdk.coders.Coder<?>> getCoderArguments() {
    return List.of();
  }

  static void writeNullable(DataOutputStream out, String s) throws IOException {
    out.writeBoolean(s != null);
    if (s != null) {
      // writeUTF is limited to 64 KiB of modified UTF-8; captions can be longer
      writeBytes(out, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8) : null;
  }

  static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > MAX_ARRAY) {
      throw new CoderException("array length " + n + " out of range");
    }
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }
}
