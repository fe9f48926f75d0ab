package org.evshard.pipelines.distill;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;

/**
 * The mean of float vectors as a Beam combine: the accumulator is the running sum in double plus the count, so
 * partial sums merge exactly up to double rounding in any order; the output is the mean rounded to float with the
 * count.
 */
final class MeanEmbeddingFn extends CombineFn<float[], MeanEmbeddingFn.Sum, MeanEmbeddingFn.Mean> {

  /** Running sum and count; {@code sum} is null until the first vector fixes the length. */
  static final class Sum implements Serializable {
    double[] sum;
    long count;
  }

  /** The mean and how many vectors it is over (equal by content). */
  record Mean(float[] mean, long count) implements Serializable {
    @Override
    public boolean equals(Object o) {
      return o instanceof Mean m && count == m.count && java.util.Arrays.equals(mean, m.mean);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(mean) * 31 + Long.hashCode(count);
    }
  }

  @Override
  public Sum createAccumulator() {
    return new Sum();
  }

  @Override
  public Sum addInput(Sum acc, float[] v) {
    if (acc.sum == null) {
      acc.sum = new double[v.length];
    } else if (acc.sum.length != v.length) {
      throw new IllegalArgumentException("vectors of lengths " + acc.sum.length + " and " + v.length);
    }
    for (int i = 0; i < v.length; i++) {
      acc.sum[i] += v[i];
    }
    acc.count++;
    return acc;
  }

  @Override
  public Sum mergeAccumulators(Iterable<Sum> accs) {
    Sum out = new Sum();
    for (Sum a : accs) {
      if (a.sum == null) {
        continue;
      }
      if (out.sum == null) {
        out.sum = a.sum.clone();
      } else {
        for (int i = 0; i < a.sum.length; i++) {
          out.sum[i] += a.sum[i];
        }
      }
      out.count += a.count;
    }
    return out;
  }

  @Override
  public Mean extractOutput(Sum acc) {
    if (acc.sum == null) {
      return new Mean(new float[0], 0);
    }
    float[] mean = new float[acc.sum.length];
    for (int i = 0; i < mean.length; i++) {
      mean[i] = (float) (acc.sum[i] / acc.count);
    }
    return new Mean(mean, acc.count);
  }

  @Override
  public Coder<Sum> getAccumulatorCoder(CoderRegistry registry, Coder<float[]> inputCoder) {
    return new SumCoder();
  }

  /** The count, then the sum's length (-1 when empty) and doubles; equality by encoding. */
  static final class SumCoder extends AtomicCoder<Sum> {
    @Override
    public void encode(Sum value, OutputStream outStream) throws IOException {
      DataOutputStream out = new DataOutputStream(outStream);
      out.writeLong(value.count);
      out.writeInt(value.sum == null ? -1 : value.sum.length);
      if (value.sum != null) {
        for (double v : value.sum) {
          out.writeDouble(v);
        }
      }
      out.flush();
    }

    @Override
    public Sum decode(InputStream inStream) throws IOException {
      DataInputStream in = new DataInputStream(inStream);
      Sum s = new Sum();
      s.count = in.readLong();
      int n = in.readInt();
      if (n >= 0) {
        s.sum = new double[n];
        for (int i = 0; i < n; i++) {
          s.sum[i] = in.readDouble();
        }
      }
      return s;
    }

    @Override
    public void verifyDeterministic() {
    }
  }

  @Override
  public Coder<Mean> getDefaultOutputCoder(CoderRegistry registry, Coder<float[]> inputCoder) {
    return SerializableCoder.of(Mean.class);
  }
}
