package org.evshard.transforms.curate;

import java.util.Arrays;
import org.evshard.transforms.InvalidParameterException;

/**
 * Near-duplicate candidates among 64-bit perceptual hashes by banding, for a Hamming threshold {@code t}: the 64 bits
 * are cut into {@code t + 1} contiguous bands (band 0 = the most significant bits, i.e. the first hex digits; widths
 * differ by at most one bit, the wider bands first). Pigeonhole: two hashes within distance t differ in at most t
 * bits, so at least one of the t + 1 bands holds none of them and is equal in both. Grouping hashes by
 * {@link #key band key} (a Beam {@code GroupByKey}) therefore puts every such pair together in at least one bucket,
 * and {@link #pairsInBucket} lists them.
 *
 * <p>Each pair is reported by exactly one bucket: the one of the lowest band index where the two hashes agree. A
 * bucket holding m hashes costs m(m-1)/2 comparisons, so very large buckets (many images with one band value, e.g.
 * flat or near-blank images) dominate the cost; the caller may want exact duplicates removed first.
 */
public final class HashBands {

  public static final String NAME = "phash_dedup";
  /** The default Hamming threshold: 4 bands of 16 bits. */
  public static final int DEFAULT_THRESHOLD = 3;

  private final int threshold;
  private final int[] shift;
  private final long[] mask;

  private HashBands(int threshold) {
    this.threshold = threshold;
    int bands = threshold + 1;
    shift = new int[bands];
    mask = new long[bands];
    int wide = 64 % bands;
    int top = 64;
    for (int b = 0; b < bands; b++) {
      int width = 64 / bands + (b < wide ? 1 : 0);
      top -= width;
      shift[b] = top;
      mask[b] = width == 64 ? -1L : (1L << width) - 1;
    }
  }

  /** Bands for Hamming threshold {@code t} in [0, 63] (t + 1 bands). */
  public static HashBands forThreshold(int t) {
    if (t < 0 || t > 63) {
      throw InvalidParameterException.of(NAME, "threshold", "an integer in [0, 63]", t);
    }
    return new HashBands(t);
  }

  public int threshold() {
    return threshold;
  }

  public int bandCount() {
    return shift.length;
  }

  /** The value of band {@code band} of {@code hash} (right-aligned). */
  public long bandValue(long hash, int band) {
    return (hash >>> shift[band]) & mask[band];
  }

  /**
   * The bucket key of band {@code band} of {@code hash}: band index in the top 32 bits, band value in the low 32 bits
   * (for t >= 1 every band has at most 32 bits). For t = 0 the single band is the whole hash, and the key is the hash.
   */
  public long key(long hash, int band) {
    return shift.length == 1 ? hash : ((long) band << 32) | bandValue(hash, band);
  }

  /** All {@link #bandCount()} keys of one hash. */
  public long[] keys(long hash) {
    long[] keys = new long[shift.length];
    for (int b = 0; b < keys.length; b++) {
      keys[b] = key(hash, b);
    }
    return keys;
  }

  /** The band index a key belongs to. */
  public int bandOf(long key) {
    return shift.length == 1 ? 0 : (int) (key >>> 32);
  }

  /**
   * The pairs within one bucket (all hashes sharing the value of band {@code band}) that are within the threshold and
   * whose lowest common band is {@code band}, as local index pairs {@code [i0, j0, i1, j1, ...]} with {@code i < j}.
   */
  public int[] pairsInBucket(int band, long[] hashes) {
    if (band < 0 || band >= shift.length) {
      throw InvalidParameterException.of(NAME, "band", "in [0, " + shift.length + ")", band);
    }
    int m = hashes.length;
    int[] pairs = new int[16];
    int size = 0;
    for (int i = 0; i < m; i++) {
      long a = hashes[i];
      for (int j = i + 1; j < m; j++) {
        long b = hashes[j];
        if (Long.bitCount(a ^ b) <= threshold && firstEqualBand(a, b) == band) {
          if (size + 2 > pairs.length) {
            pairs = Arrays.copyOf(pairs, pairs.length * 2);
          }
          pairs[size++] = i;
          pairs[size++] = j;
        }
      }
    }
    return Arrays.copyOf(pairs, size);
  }

  /** The lowest band index where the two hashes agree, or -1. */
  public int firstEqualBand(long a, long b) {
    long diff = a ^ b;
    for (int band = 0; band < shift.length; band++) {
      if (((diff >>> shift[band]) & mask[band]) == 0) {
        return band;
      }
    }
    return -1;
  }
}
