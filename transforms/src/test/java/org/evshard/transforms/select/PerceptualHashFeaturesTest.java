package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PerceptualHashFeaturesTest {

  /** Bits in the order of the hex string (MSB first), and squared distance = 4 * Hamming distance. */
  @ParameterizedTest
  @CsvSource({"8000000000000001, 0", "ffffffffffffffff, 0000000000000000", "d1c4a5f0e3b29687, 0123456789abcdef"})
  void bitsFollowTheHexStringAndDistanceIsHamming(String hexA, String hexB) {
    long a = Long.parseUnsignedLong(hexA, 16);
    long b = Long.parseUnsignedLong(hexB, 16);
    float[] fa = PerceptualHashFeatures.bits(a);
    String binary = String.format("%64s", Long.toBinaryString(a)).replace(' ', '0');
    for (int j = 0; j < 64; j++) {
      assertEquals(binary.charAt(j) == '1' ? 1f : -1f, fa[j], "bit " + j);
    }
    FeatureMatrix m = PerceptualHashFeatures.of(new long[] {a, b});
    assertEquals(4.0 * Long.bitCount(a ^ b), VectorMath.squaredDistance(m, 0, 1));
  }
}
