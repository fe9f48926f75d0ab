package org.evshard.transforms.select;

/**
 * A 64-bit perceptual hash (pHash, as the curation step stores it in a {@code long}) as 64 features of {@code +1} (bit
 * set) or {@code -1} (bit clear), most significant bit first, i.e. in the order of the hash's hex string. With these
 * features {@code ||a - b||^2 = 4 * hamming(a, b)} and {@code <a, b> = 64 - 2 * hamming(a, b)}, so Euclidean and
 * cosine kernels rank by Hamming distance.
 */
public final class PerceptualHashFeatures {

  private PerceptualHashFeatures() {}

  public static float[] bits(long hash) {
    float[] out = new float[64];
    for (int j = 0; j < 64; j++) {
      out[j] = ((hash >>> (63 - j)) & 1L) != 0 ? 1f : -1f;
    }
    return out;
  }

  /** One row of 64 features per hash. */
  public static FeatureMatrix of(long[] hashes) {
    float[] out = new float[hashes.length * 64];
    for (int i = 0; i < hashes.length; i++) {
      System.arraycopy(bits(hashes[i]), 0, out, i * 64, 64);
    }
    return new FeatureMatrix(hashes.length, 64, out);
  }
}
