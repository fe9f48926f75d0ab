package org.evshard.pipelines.curate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderException;
import org.evshard.io.shard.ImageRow;

/** A compact, deterministic Beam coder of {@link ImageRow}: its fields in order in one {@link CoderFrame}. */
public final class ImageRowCoder extends AtomicCoder<ImageRow> {

  private static final ImageRowCoder INSTANCE = new ImageRowCoder();

  private ImageRowCoder() {
  }

  public static ImageRowCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(ImageRow r, OutputStream outStream) throws IOException {
    CoderFrame.Writer out = new CoderFrame.Writer();
    put(out, r);
    out.writeTo(outStream);
  }

  @Override
  public ImageRow decode(InputStream inStream) throws IOException {
    return get(CoderFrame.Reader.of(inStream));
  }

  /** The row's fields into a frame (also used by coders that frame a row with more fields). */
  static void put(CoderFrame.Writer out, ImageRow r) {
    out.putString(r.sampleId()).putString(r.dataset()).putString(r.split());
    out.putBool(r.label() != null);
    if (r.label() != null) {
      out.putInt(r.label()).putString(r.labelName());
    }
    out.putString(r.source()).putString(r.caption());
    out.putInt(r.width()).putInt(r.height()).putInt(r.originalWidth()).putInt(r.originalHeight());
    out.putString(r.sha256()).putString(r.imageFormat()).putBytes(r.image());
    out.putInt(r.attributes().size());
    for (Map.Entry<String, String> e : r.attributes().entrySet()) {
      out.putString(e.getKey()).putString(e.getValue());
    }
    out.putBool(r.tensor() != null);
    if (r.tensor() != null) {
      out.putBytes(r.tensor()).putInt(r.tensorShape().length);
      for (int d : r.tensorShape()) {
        out.putInt(d);
      }
    }
  }

  /** A row from a frame, the fields in {@link #put}'s order. */
  static ImageRow get(CoderFrame.Reader in) throws CoderException {
    String sampleId = in.getString();
    String dataset = in.getString();
    String split = in.getString();
    Integer label = null;
    String labelName = null;
    if (in.getBool()) {
      label = in.getInt();
      labelName = in.getString();
    }
    String source = in.getString();
    String caption = in.getString();
    int width = in.getInt();
    int height = in.getInt();
    int originalWidth = in.getInt();
    int originalHeight = in.getInt();
    String sha256 = in.getString();
    String format = in.getString();
    byte[] image = in.getBytes();
    int n = in.getInt();
    if (n < 0 || n > 1 << 20) {
      throw new CoderException("row " + sampleId + " has " + n + " attributes");
    }
    Map<String, String> attributes = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      attributes.put(in.getString(), in.getString());
    }
    byte[] tensor = null;
    int[] shape = null;
    if (in.getBool()) {
      tensor = in.getBytes();
      int rank = in.getInt();
      if (rank < 0 || rank > 8) {
        throw new CoderException("tensor of " + sampleId + " has " + rank + " dimensions");
      }
      shape = new int[rank];
      for (int i = 0; i < rank; i++) {
        shape[i] = in.getInt();
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
}
