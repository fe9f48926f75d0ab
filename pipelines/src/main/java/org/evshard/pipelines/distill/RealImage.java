package org.evshard.pipelines.distill;

import java.io.Serializable;

/**
 * A real image of a class as the nets see it: {@code side x side x 3} RGB bytes ({@code ConvNetPixels}), with the
 * row's id, source and label.
 */
record RealImage(String sampleId, String source, int label, String labelName, byte[] rgb) implements Serializable {

  /** By content (the pixels too), as Beam's {@code SerializableCoder} assumes of its values. */
  @Override
  public boolean equals(Object o) {
    return o instanceof RealImage r && sampleId.equals(r.sampleId) && source.equals(r.source) && label == r.label
        && labelName.equals(r.labelName) && java.util.Arrays.equals(rgb, r.rgb);
  }

  @Override
  public int hashCode() {
    return sampleId.hashCode() * 31 + java.util.Arrays.hashCode(rgb);
  }
}
