package org.evshard.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LongToDoubleTest {

  @ParameterizedTest
  @ValueSource(longs = {0, 1, 2, 3, 1_000_000, (1L << 52) - 2, (1L << 52) - 1, 1L << 52, (1L << 52) + 1,
      (1L << 53) + 1, Long.MAX_VALUE, -1, -2, -(1L << 52), Long.MIN_VALUE, Long.MIN_VALUE + 1, (1L << 51) - 1,
      1L << 51, -(1L << 51), -(1L << 51) - 1, Long.MAX_VALUE - (1L << 51), Long.MAX_VALUE - (1L << 51) + 1})
  void equalsTheCastAtTheEdges(long v) {
    assertEquals(Double.doubleToRawLongBits((double) v), Double.doubleToRawLongBits(LongToDouble.convert(v)),
        Long.toString(v));
    assertEquals(Double.doubleToRawLongBits((double) v), Double.doubleToRawLongBits(LongToDouble.convertSigned(v)),
        Long.toString(v));
  }

  @Test
  void equalsTheCastOnRandomValuesOfEveryMagnitude() {
    SplittableRandom r = new SplittableRandom(7);
    for (int i = 0; i < 1_000_000; i++) {
      long v = r.nextLong() >> r.nextInt(64); // every bit length, both signs
      assertEquals(Double.doubleToRawLongBits((double) v), Double.doubleToRawLongBits(LongToDouble.convert(v)),
          Long.toString(v));
      assertEquals(Double.doubleToRawLongBits((double) v), Double.doubleToRawLongBits(LongToDouble.convertSigned(v)),
          Long.toString(v));
    }
  }
}
