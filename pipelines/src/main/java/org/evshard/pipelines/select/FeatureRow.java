package org.evshard.pipelines.select;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;

/**
 * One row as selection sees it: its id, split and label name (the default group), its feature vector (empty when
 * the method needs none) and its score ({@code NaN} when the method needs none).
 */
public record FeatureRow(String id, String split, String labelName, float[] features, double score) {

  /** A compact deterministic coder: the features travel as raw floats. */
  public static final class RowCoder extends AtomicCoder<FeatureRow> {

    private static final RowCoder INSTANCE = new RowCoder();
    private static final int MAX_DIM = 1 << 24;

    public static RowCoder of() {
      return INSTANCE;
    }

    @Override
    public void encode(FeatureRow r, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeUTF(r.id());
      out.writeUTF(r.split());
      out.writeUTF(r.labelName());
      out.writeInt(r.features().length);
      for (float f : r.features()) {
        out.writeFloat(f);
      }
      out.writeDouble(r.score());
      out.flush();
    }

    @Override
    public FeatureRow decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      String id = in.readUTF();
      String split = in.readUTF();
      String label = in.readUTF();
      int d = in.readInt();
      if (d < 0 || d > MAX_DIM) {
        throw new CoderException("feature dimension " + d + " out of range");
      }
      float[] f = new float[d];
      for (int i = 0; i < d; i++) {
        f[i] = in.readFloat();
      }
      return new FeatureRow(id, split, label, f, in.readDouble());
    }

    @Override
    public List<? extends Coder<?>> getCoderArguments() {
      return List.of();
    }

    @Override
    public void verifyDeterministic() {
    }
  }
}
