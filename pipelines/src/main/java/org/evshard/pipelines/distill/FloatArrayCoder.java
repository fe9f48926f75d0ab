package org.evshard.pipelines.distill;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * A float vector as its length and big-endian floats. Deterministic; equality by encoding (Beam's default
 * {@code structuralValue} for a coder that is not consistent with {@code equals}), so the DirectRunner's mutation
 * checks compare contents, not array identity.
 */
final class FloatArrayCoder extends AtomicCoder<float[]> {

  private static final FloatArrayCoder INSTANCE = new FloatArrayCoder();

  static FloatArrayCoder of() {
    return INSTANCE;
  }

  @Override
  public void encode(float[] value, OutputStream outStream) throws IOException {
    DataOutputStream out = new DataOutputStream(outStream);
    out.writeInt(value.length);
    for (float v : value) {
      out.writeFloat(v);
    }
    out.flush();
  }

  @Override
  public float[] decode(InputStream inStream) throws IOException {
    DataInputStream in = new DataInputStream(inStream);
    float[] v = new float[in.readInt()];
    for (int i = 0; i < v.length; i++) {
      v[i] = in.readFloat();
    }
    return v;
  }

  @Override
  public void verifyDeterministic() {
  }
}
