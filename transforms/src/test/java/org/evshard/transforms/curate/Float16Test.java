package org.evshard.transforms.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Every one of the 65536 half-precision patterns against IEEE 754 binary16's definition evaluated in double. */
class Float16Test {

  @Test
  void everyPatternMatchesTheIeeeDefinition() {
    for (int bits = 0; bits < 65536; bits++) {
      int sign = bits >>> 15;
      int e = (bits >>> 10) & 0x1F;
      int m = bits & 0x3FF;
      float got = Float16.toFloat((short) bits);
      if (e == 31) {
        if (m == 0) {
          assertEquals(sign == 0 ? Float.POSITIVE_INFINITY : Float.NEGATIVE_INFINITY, got, "bits " + bits);
        } else {
          assertTrue(Float.isNaN(got), "bits " + bits);
        }
        continue;
      }
      double magnitude = e == 0 ? m * Math.pow(2, -24) : Math.pow(2, e - 15) * (1 + m / 1024.0);
      double expected = sign == 0 ? magnitude : -magnitude;
      assertEquals(expected, (double) got, 0.0, "bits " + bits);
      assertEquals(Double.doubleToRawLongBits(expected) >>> 63, (long) (Float.floatToRawIntBits(got) >>> 31),
          "sign of bits " + bits);
    }
  }
}
