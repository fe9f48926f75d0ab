package org.evshard.io.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link ArrowShardWriter#packBits} against a bit-by-bit reference, rows of every length at every bit offset. */
class ArrowBitPackingTest {

  @ParameterizedTest(name = "rows of up to {0} values")
  @CsvSource({"1", "7", "8", "9", "17", "100"})
  void packsRowsAfterOneAnotherAsTheBitByBitReference(int longest) {
    SplittableRandom r = new SplittableRandom(longest);
    for (int trial = 0; trial < 200; trial++) {
      int rows = r.nextInt(1, 12);
      boolean[][] values = new boolean[rows][];
      int total = 0;
      for (int i = 0; i < rows; i++) {
        values[i] = new boolean[r.nextInt(longest + 1)];
        for (int k = 0; k < values[i].length; k++) {
          values[i][k] = r.nextBoolean();
        }
        total += values[i].length;
      }
      byte[] want = new byte[(total + 7) / 8];
      byte[] got = new byte[want.length];
      int at = 0;
      int gotAt = 0;
      for (boolean[] row : values) {
        for (boolean v : row) {
          if (v) {
            want[at >>> 3] |= (byte) (1 << (at & 7));
          }
          at++;
        }
        gotAt = ArrowShardWriter.packBits(row, got, gotAt);
      }
      assertEquals(total, gotAt);
      assertArrayEquals(want, got, "trial " + trial);
    }
  }
}
