package org.evshard.pipelines.distill;

import java.io.Serializable;

/** A class's mean embedding under net {@code net} of the pool, over {@code count} real images. */
record NetMean(int net, float[] mean, long count) implements Serializable {

  /** By content, as Beam's {@code SerializableCoder} assumes of its values. */
  @Override
  public boolean equals(Object o) {
    return o instanceof NetMean m && net == m.net && count == m.count && java.util.Arrays.equals(mean, m.mean);
  }

  @Override
  public int hashCode() {
    return net * 31 + java.util.Arrays.hashCode(mean);
  }
}
