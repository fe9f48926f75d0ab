package org.evshard.transforms.curate;

import java.util.Arrays;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.TransformException;

/**
 * The {@code imagehash} library's {@code phash} (hash_size 8, highfreq_factor 4) from its 32x32 grayscale thumbnail:
 * scipy's unnormalised type-II DCT ({@code y[k] = 2 sum_n x[n] cos(pi k (2n+1) / 2N)}) along axis 0 (down the
 * columns) and then along axis 1, the top-left 8x8 block, its {@code numpy.median} (mean of the 32nd and 33rd smallest),
 * and one bit per coefficient {@code > median}.
 *
 * <p>Bit order: imagehash's {@code str(hash)} flattens the 8x8 boolean block row-major (row = axis-0 frequency) and
 * reads it as one binary number, first element most significant. Here coefficient {@code (row r, column c)} is bit
 * {@code 63 - (8r + c)} of the {@code long}, so {@link #toHex} ({@code %016x}) equals imagehash's hex string.
 *
 * <p>The thumbnail (PIL {@code convert('L').resize((32, 32), LANCZOS)}, values 0..255, row-major {@code y * 32 + x})
 * is produced elsewhere. Only the 8x8 low-frequency block is computed: the separable transform with a precomputed
 * cosine table takes 8*32*32 + 8*8*32 multiply-adds in double precision. Summation order differs from scipy's FFT, so
 * a coefficient within rounding (about 1e-12 relative) of the median may fall the other way; this matters only for
 * images whose coefficients tie mathematically (e.g. a flat image, where every AC coefficient is 0 and the bits are
 * rounding noise in both implementations).
 */
public final class PerceptualHash {

  public static final String NAME = "phash";
  /** Thumbnail side: hash_size 8 times highfreq_factor 4. */
  public static final int SIDE = 32;
  /** Hash side: 8x8 = 64 bits. */
  public static final int HASH_SIDE = 8;

  /** {@code COS[k * SIDE + n] = cos(pi * k * (2n + 1) / (2 * SIDE))} for k < 8. */
  private static final double[] COS = new double[HASH_SIDE * SIDE];

  static {
    for (int k = 0; k < HASH_SIDE; k++) {
      for (int n = 0; n < SIDE; n++) {
        COS[k * SIDE + n] = Math.cos(Math.PI * k * (2 * n + 1) / (2.0 * SIDE));
      }
    }
  }

  private PerceptualHash() {}

  /** The 64-bit pHash of a 32x32 grayscale thumbnail (see the class comment for the bit order). */
  public static long hash(float[] thumbnail) {
    double[] low = lowFrequencyDct(thumbnail);
    double median = median64(low);
    long bits = 0;
    for (int i = 0; i < 64; i++) {
      if (low[i] > median) {
        bits |= 1L << (63 - i);
      }
    }
    return bits;
  }

  /**
   * The top-left 8x8 block of scipy's {@code dct(dct(pixels, axis=0), axis=1)}, row-major: index {@code 8r + c} holds
   * frequency r along axis 0 (rows) and c along axis 1 (columns).
   */
  public static double[] lowFrequencyDct(float[] thumbnail) {
    check(thumbnail);
    // axis 0: tmp[k][x] = sum_y cos(k, y) p[y][x], k < 8 (scipy's factor 2 is applied at the end)
    double[] tmp = new double[HASH_SIDE * SIDE];
    for (int k = 0; k < HASH_SIDE; k++) {
      int ck = k * SIDE;
      int tk = k * SIDE;
      for (int y = 0; y < SIDE; y++) {
        double c = COS[ck + y];
        int row = y * SIDE;
        for (int x = 0; x < SIDE; x++) {
          tmp[tk + x] += c * thumbnail[row + x];
        }
      }
    }
    // axis 1: out[k][l] = 2 sum_x cos(l, x) (2 tmp[k][x]); both factors of 2 are exact
    double[] out = new double[HASH_SIDE * HASH_SIDE];
    for (int k = 0; k < HASH_SIDE; k++) {
      int tk = k * SIDE;
      for (int l = 0; l < HASH_SIDE; l++) {
        int cl = l * SIDE;
        double s = 0;
        for (int x = 0; x < SIDE; x++) {
          s += COS[cl + x] * tmp[tk + x];
        }
        out[k * HASH_SIDE + l] = 4 * s;
      }
    }
    return out;
  }

  /** imagehash's {@code str(hash)}: 16 lower-case hex digits. */
  public static String toHex(long hash) {
    return String.format("%016x", hash);
  }

  /** The inverse of {@link #toHex} (imagehash's {@code hex_to_hash} for an 8x8 hash). */
  public static long fromHex(String hex) {
    if (hex == null || hex.length() != 16) {
      throw InvalidParameterException.of(NAME, "hex", "16 hex digits", hex);
    }
    long value = 0;
    for (int i = 0; i < 16; i++) {
      int digit = Character.digit(hex.charAt(i), 16);
      if (digit < 0 || hex.charAt(i) > 'f') { // Character.digit also takes full-width and other Unicode digits
        throw InvalidParameterException.of(NAME, "hex", "16 hex digits", hex);
      }
      value = (value << 4) | digit;
    }
    return value;
  }

  /** imagehash's {@code hash1 - hash2}: the number of differing bits. */
  public static int hamming(long a, long b) {
    return Long.bitCount(a ^ b);
  }

  /** {@code numpy.median} of 64 values: the mean of the two middle ones after sorting. */
  private static double median64(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return (s[31] + s[32]) / 2;
  }

  private static void check(float[] thumbnail) {
    if (thumbnail == null || thumbnail.length != SIDE * SIDE) {
      throw InvalidParameterException.of(NAME, "thumbnail", "a 32x32 = 1024-value grayscale array",
          thumbnail == null ? "null" : thumbnail.length + " values");
    }
    for (int i = 0; i < thumbnail.length; i++) {
      if (!Float.isFinite(thumbnail[i])) {
        throw new TransformException(NAME + ": thumbnail value " + i + " is " + thumbnail[i] + ", expected finite");
      }
    }
  }
}
