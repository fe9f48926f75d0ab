package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;
import org.evshard.transforms.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Dataset Quantization against a naive implementation of the reference's loop ({@code quantize_sample.py}: bin size
 * {@code round(n * fraction)} with Python's half-to-even {@code round}, each bin by naive GraphCut greedy over the
 * rows still available, the last bin the rest) and its sampler ({@code quantize_bin.py} + {@code uniform.py}:
 * {@code round(fraction * |bin|)} rows of every bin, without replacement).
 */
class DatasetQuantizationTest {

  @ParameterizedTest
  @CsvSource({"1, 20, 4, 3", "2, 30, 5, 4", "3, 25, 2, 6", "4, 27, 4, 5", "5, 10, 1, 3", "6, 9, 4, 2"})
  void binsAndGainsEqualNaiveStepByStep(long seed, int n, int binCount, int d) {
    FeatureMatrix f = TestPoints.gaussian(n, d, seed);
    QuantizationBins bins = DatasetQuantization.bins(f, binCount);

    int b = (int) Math.rint((double) n / binCount);
    int[] avail = IntStream.range(0, n).toArray();
    for (int bin = 0; bin < binCount - 1; bin++) {
      GraphCutSelectionTest.Naive naive = GraphCutSelectionTest.naiveGreedy(f, avail, b, 1.0);
      assertArrayEquals(naive.idx(), bins.bin(bin), "bin " + bin);
      assertArrayEquals(naive.gain(), bins.gains(bin), 1e-4, "gains of bin " + bin);
      Set<Integer> taken = new HashSet<>();
      for (int r : naive.idx()) {
        taken.add(r);
      }
      avail = Arrays.stream(avail).filter(r -> !taken.contains(r)).toArray();
    }
    assertArrayEquals(avail, bins.bin(binCount - 1));
    assertTrue(Arrays.stream(bins.gains(binCount - 1)).allMatch(Double::isNaN));
  }

  @Test
  void pythonRoundingOfTheBinSize() {
    // n = 10, K = 4: round(2.5) = 2 (half to even), so bins of 2, 2, 2 and the rest 4
    QuantizationBins bins = DatasetQuantization.bins(TestPoints.gaussian(10, 3, 7), 4);
    assertArrayEquals(new int[] {2, 2, 2, 4}, IntStream.range(0, 4).map(i -> bins.bin(i).length).toArray());
    // n = 9, K = 6: round(1.5) = 2, and 5 bins of 2 do not fit in 9 rows
    assertThrows(InvalidParameterException.class, () -> DatasetQuantization.bins(TestPoints.gaussian(9, 3, 7), 6));
  }

  @ParameterizedTest
  @CsvSource({"11, 40, 4, 8", "12, 37, 3, 5", "13, 50, 5, 10"})
  void samplesRoundOfFractionTimesBinFromEveryBin(long seed, int n, int binCount, int k) {
    FeatureMatrix f = TestPoints.gaussian(n, 4, seed);
    QuantizationBins bins = DatasetQuantization.bins(f, binCount);
    Selection s = DatasetQuantization.select(f, k, binCount, seed);
    double fraction = (double) k / n;
    int o = 0;
    for (int bin = 0; bin < binCount; bin++) {
      int[] rows = bins.bin(bin);
      int m = (int) Math.rint(fraction * rows.length);
      Set<Integer> members = new HashSet<>();
      for (int r : rows) {
        members.add(r);
      }
      for (int r = o; r < o + m; r++) {
        assertTrue(members.contains(s.index(r)), "rank " + r + " comes from bin " + bin);
      }
      o += m;
    }
    assertEquals(o, s.size());
    assertEquals(s.size(), Arrays.stream(s.indices()).distinct().count());
    assertEquals(s, DatasetQuantization.select(f, k, binCount, seed));
    assertNotEquals(Arrays.toString(s.indices()),
        Arrays.toString(DatasetQuantization.select(f, k, binCount, seed + 1).indices()));
  }
}
