package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lazy greedy facility location on 12 points: at least (1 - 1/e) of the exhaustive optimum (Nemhauser, Wolsey, Fisher
 * 1978), and step by step equal to naive greedy that recomputes {@code F(S + x) - F(S)} for every candidate with
 * {@code sim = 0.5 + 0.5 cos} in double.
 */
class FacilityLocationSelectionTest {

  @ParameterizedTest
  @CsvSource({"1, 2, 3", "2, 3, 2", "3, 4, 5", "4, 5, 3", "5, 6, 8", "6, 12, 4"})
  void approximationBoundAndEqualToNaiveGreedy(long seed, int k, int d) {
    FeatureMatrix f = TestPoints.gaussian(12, d, seed);
    Selection s = FacilityLocationSelection.select(f, k);

    double opt = 0;
    for (int[] c : TestPoints.subsets(12, k)) {
      opt = Math.max(opt, value(f, c, k));
    }
    double greedy = value(f, s.indices(), k);
    assertTrue(greedy >= (1 - 1 / Math.E) * opt - 1e-9, "greedy " + greedy + " < (1-1/e) OPT " + opt);
    assertEquals(greedy, FacilityLocationSelection.objective(f, s.indices()), 1e-5);

    int[] naive = new int[k];
    double[] gain = new double[k];
    for (int t = 0; t < k; t++) {
      naive[t] = bestOf(f, naive, t);
      gain[t] = marginal(f, naive, t, naive[t]);
    }
    assertArrayEquals(naive, s.indices());
    assertArrayEquals(gain, s.scores(), 1e-5);
  }

  /** F of the first {@code k} rows of {@code c}. */
  private static double value(FeatureMatrix f, int[] c, int k) {
    double total = 0;
    for (int i = 0; i < f.rows(); i++) {
      double m = 0;
      for (int q = 0; q < k; q++) {
        m = Math.max(m, TestPoints.sim(f, i, c[q]));
      }
      total += m;
    }
    return total;
  }

  /**
   * The lowest-index unselected row of largest marginal gain {@code sum_i max(0, sim(i, x) - max_{s in S} sim(i, s))}
   * given the first {@code t} rows of {@code c}, recomputed from scratch.
   */
  private static int bestOf(FeatureMatrix f, int[] c, int t) {
    int arg = -1;
    double best = Double.NEGATIVE_INFINITY;
    for (int x = 0; x < f.rows(); x++) {
      boolean chosen = false;
      for (int q = 0; q < t; q++) {
        chosen |= c[q] == x;
      }
      if (chosen) {
        continue;
      }
      double g = marginal(f, c, t, x);
      if (g > best) {
        best = g;
        arg = x;
      }
    }
    return arg;
  }

  private static double marginal(FeatureMatrix f, int[] c, int t, int x) {
    double g = 0;
    for (int i = 0; i < f.rows(); i++) {
      double cur = 0;
      for (int q = 0; q < t; q++) {
        cur = Math.max(cur, TestPoints.sim(f, i, c[q]));
      }
      g += Math.max(0, TestPoints.sim(f, i, x) - cur);
    }
    return g;
  }
}
