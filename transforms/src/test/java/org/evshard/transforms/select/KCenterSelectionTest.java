package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Greedy k-center on 12 points against exhaustive search (radius at most twice the optimum, Gonzalez 1985) and, step by
 * step, against a naive implementation that recomputes every point's distance to every chosen centre at every step.
 */
class KCenterSelectionTest {

  @ParameterizedTest
  @CsvSource({"1, 2, 3", "2, 3, 2", "3, 4, 5", "4, 5, 3", "5, 3, 8"})
  void withinTwiceTheOptimalRadiusAndEqualToNaiveGreedy(long seed, int k, int d) {
    FeatureMatrix f = TestPoints.gaussian(12, d, seed);
    Selection s = KCenterSelection.select(f, k);

    double opt = Double.POSITIVE_INFINITY;
    for (int[] c : TestPoints.subsets(12, k)) {
      opt = Math.min(opt, radius(f, c, k));
    }
    double greedy = radius(f, s.indices(), k);
    assertTrue(greedy <= 2 * opt + 1e-9, "greedy " + greedy + " > 2 * OPT " + opt);
    assertEquals(greedy, KCenterSelection.coverageRadius(f, s.indices()), 1e-5);

    int[] naive = new int[k];
    double[] naiveScore = new double[k];
    double[] mean = new double[d];
    for (int i = 0; i < 12; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += f.get(i, j) / 12.0;
      }
    }
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < 12; i++) {
      double e = 0;
      for (int j = 0; j < d; j++) {
        e += (f.get(i, j) - mean[j]) * (f.get(i, j) - mean[j]);
      }
      if (Math.sqrt(e) < best) {
        best = Math.sqrt(e);
        naive[0] = i;
      }
    }
    naiveScore[0] = best;
    for (int t = 1; t < k; t++) {
      double far = -1;
      for (int x = 0; x < 12; x++) {
        boolean chosen = false;
        double near = Double.POSITIVE_INFINITY;
        for (int q = 0; q < t; q++) {
          chosen |= naive[q] == x;
          near = Math.min(near, TestPoints.dist(f, x, naive[q]));
        }
        if (!chosen && near > far) {
          far = near;
          naive[t] = x;
        }
      }
      naiveScore[t] = far;
    }
    assertArrayEquals(naive, s.indices());
    assertArrayEquals(naiveScore, s.scores(), 1e-5);
  }

  private static double radius(FeatureMatrix f, int[] c, int k) {
    double worst = 0;
    for (int x = 0; x < f.rows(); x++) {
      double near = Double.POSITIVE_INFINITY;
      for (int q = 0; q < k; q++) {
        near = Math.min(near, TestPoints.dist(f, x, c[q]));
      }
      worst = Math.max(worst, near);
    }
    return worst;
  }

  @ParameterizedTest
  @CsvSource({"4", "6"})
  void duplicatesNeverRepeatACentre(int k) {
    float[] a = new float[6 * 2]; // six copies of the origin: every distance is 0
    Selection s = KCenterSelection.select(new FeatureMatrix(6, 2, a), k);
    assertEquals(k, java.util.Arrays.stream(s.indices()).distinct().count());
    assertArrayEquals(java.util.stream.IntStream.range(0, k).toArray(), s.indices()); // ties to the lower index
  }
}
