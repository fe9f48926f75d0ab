package org.evshard.transforms.curate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.TransformException;
import org.junit.jupiter.api.Test;

/**
 * {@link PerceptualHash} against (1) a naive O(N^4) 2-D DCT-II written here from scipy's definition
 * ({@code y[k] = 2 sum_n x[n] cos(pi k (2n+1) / 2N)} per axis), and (2) golden hashes and coefficients computed with
 * scipy and numpy by {@code make_phash_golden.py} (beside {@code phash_golden.json} in the test resources), which runs
 * imagehash 4.3.2's {@code phash} body on the same 32x32 pixels.
 */
class PerceptualHashTest {

  @Test
  void fastDctEqualsNaiveDct() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int trial = 0; trial < 20; trial++) {
      float[] px = new float[1024];
      for (int i = 0; i < px.length; i++) {
        px[i] = trial % 2 == 0 ? rnd.nextInt(256) : (float) (rnd.nextDouble() * 255);
      }
      float[] before = px.clone();
      double[] fast = PerceptualHash.lowFrequencyDct(px);
      double[] naive = naiveLowDct(px);
      for (int i = 0; i < 64; i++) {
        assertEquals(naive[i], fast[i], 1e-9 * (1 + Math.abs(naive[i])), "coefficient " + i);
      }
      assertArrayEquals(before, px, "the thumbnail was modified");
      assertEquals(naiveHash(naive), PerceptualHash.hash(px));
    }
  }

  @Test
  void matchesImagehashGoldenValues() throws IOException {
    JsonNode golden;
    try (InputStream in = getClass().getResourceAsStream("phash_golden.json")) {
      golden = new ObjectMapper().readTree(in);
    }
    JsonNode cases = golden.get("cases");
    assertEquals(40, cases.size());
    for (JsonNode c : cases) {
      float[] px = pixels(c.get("kind").asText(), c.get("seed").asInt());
      String label = c.get("kind").asText() + " " + c.get("seed").asInt();
      double[] low = PerceptualHash.lowFrequencyDct(px);
      for (int i = 0; i < 64; i++) {
        double ref = c.get("low").get(i).asDouble();
        assertEquals(ref, low[i], 1e-9 * (1 + Math.abs(ref)), label + " coefficient " + i);
      }
      long h = PerceptualHash.hash(px);
      assertEquals(c.get("hex").asText(), PerceptualHash.toHex(h), label);
      assertEquals(h, PerceptualHash.fromHex(c.get("hex").asText()));
    }
  }

  @Test
  void bitOrderIsRowMajorMostSignificantFirst() {
    // a thumbnail that is a pure DCT basis pattern: only coefficients (0,0) and (r,c) are non-zero, so both are
    // above the median (0) and exactly bits 63 and 63 - (8r + c) are set
    for (int r = 0; r < 8; r++) {
      for (int c = 0; c < 8; c++) {
        if (r == 0 && c == 0) {
          continue;
        }
        float[] px = new float[1024];
        for (int y = 0; y < 32; y++) {
          for (int x = 0; x < 32; x++) {
            px[y * 32 + x] = (float) (128 + 100 * Math.cos(Math.PI * r * (2 * y + 1) / 64)
                * Math.cos(Math.PI * c * (2 * x + 1) / 64));
          }
        }
        double[] low = naiveLowDct(px);
        double[] others = low.clone();
        others[0] = 0;
        others[r * 8 + c] = 0;
        // the other 62 coefficients are noise from rounding the pixels to float (|v| < 0.05), the two set bits are
        // coefficients of at least 4 * 100 * 16 * 16
        assertEquals(0, Arrays.stream(others).map(Math::abs).max().orElseThrow(), 0.05);
        long h = PerceptualHash.hash(px);
        long mustHave = (1L << 63) | (1L << (63 - (8 * r + c)));
        assertEquals(mustHave, h & mustHave, "r=" + r + " c=" + c);
      }
    }
    assertEquals("8000000000000001", PerceptualHash.toHex(0x8000000000000001L));
  }

  @Test
  void hexAndHamming() {
    assertEquals(0xfedcba9876543210L, PerceptualHash.fromHex("fedcba9876543210"));
    assertEquals(64, PerceptualHash.hamming(0, -1L));
    assertEquals(3, PerceptualHash.hamming(0b1011, 0));
    assertThrows(InvalidParameterException.class, () -> PerceptualHash.fromHex("abc"));
    assertThrows(InvalidParameterException.class, () -> PerceptualHash.fromHex("zzzzzzzzzzzzzzzz"));
  }

  @Test
  void fromHexAcceptsExactlySixteenHexDigits() {
    SplittableRandom rnd = new SplittableRandom(21);
    String alphabet = "0123456789abcdefABCDEF+-_ xg\uff10\u0660";
    for (int trial = 0; trial < 5_000; trial++) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < 16; i++) {
        sb.append(alphabet.charAt(rnd.nextInt(trial % 2 == 0 ? 22 : alphabet.length())));
      }
      String hex = sb.toString();
      boolean valid = hex.chars().allMatch(ch -> "0123456789abcdefABCDEF".indexOf(ch) >= 0);
      if (valid) {
        assertEquals(hex.toLowerCase(java.util.Locale.ROOT), PerceptualHash.toHex(PerceptualHash.fromHex(hex)));
      } else {
        assertThrows(InvalidParameterException.class, () -> PerceptualHash.fromHex(hex), hex);
      }
    }
  }

  @Test
  void rejectsWrongSizeAndNonFinitePixels() {
    assertThrows(InvalidParameterException.class, () -> PerceptualHash.hash(new float[1023]));
    float[] px = new float[1024];
    px[5] = Float.NaN;
    assertThrows(TransformException.class, () -> PerceptualHash.hash(px));
  }

  /** The direct definition: every output from every input, O(N^4) for the full block (only 8x8 kept). */
  static double[] naiveLowDct(float[] px) {
    double[] out = new double[64];
    for (int k1 = 0; k1 < 8; k1++) {
      for (int k2 = 0; k2 < 8; k2++) {
        double s = 0;
        for (int n1 = 0; n1 < 32; n1++) {
          for (int n2 = 0; n2 < 32; n2++) {
            s += px[n1 * 32 + n2] * Math.cos(Math.PI * k1 * (2 * n1 + 1) / 64.0)
                * Math.cos(Math.PI * k2 * (2 * n2 + 1) / 64.0);
          }
        }
        out[k1 * 8 + k2] = 4 * s;
      }
    }
    return out;
  }

  /** imagehash's bits from coefficients: {@code > numpy.median}, flattened row-major, first bit most significant. */
  private static long naiveHash(double[] low) {
    double[] s = low.clone();
    Arrays.sort(s);
    double median = (s[31] + s[32]) / 2;
    StringBuilder bits = new StringBuilder();
    for (double v : low) {
      bits.append(v > median ? '1' : '0');
    }
    return Long.parseUnsignedLong(bits.toString(), 2);
  }

  /** The generator's LCG pixels (see make_phash_golden.py). */
  private static float[] pixels(String kind, int seed) {
    long state = seed & 0xFFFFFFFFL;
    int a = seed % 7 + 1;
    int b = seed % 5 + 2;
    float[] px = new float[1024];
    for (int y = 0; y < 32; y++) {
      for (int x = 0; x < 32; x++) {
        state = (state * 1664525L + 1013904223L) & 0xFFFFFFFFL;
        px[y * 32 + x] = kind.equals("noise") ? (float) (state >>> 24) : (float) ((x * a + y * b + (state >>> 28)) & 255);
      }
    }
    return px;
  }
}
