package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HerdingSelectionTest {

  /**
   * Points on the x axis at 0, 2, 3, 7, 3 (mean 3), worked by hand with {@code x_t = argmin ||mu - (S + x) / t||}:
   * t=1: rows 2 and 4 both sit on the mean, the tie goes to row 2, distance 0;
   * t=2: row 4 gives (3+3)/2 = 3, distance 0;
   * t=3: S = 6; row 1 gives 8/3 (1/3), row 0 gives 2 (1), row 3 gives 13/3 (4/3): row 1, 1/3;
   * t=4: S = 8; row 0 gives 2 (1), row 3 gives 15/4 (3/4): row 3, 3/4;
   * t=5: row 0, S = 15, mean 3, distance 0.
   */
  @Test
  void handCheckedSequence() {
    FeatureMatrix f = FeatureMatrix.of(new float[][] {{0, 0}, {2, 0}, {3, 0}, {7, 0}, {3, 0}});
    Selection s = HerdingSelection.select(f, 5);
    assertArrayEquals(new int[] {2, 4, 1, 3, 0}, s.indices());
    assertArrayEquals(new double[] {0, 0, 1.0 / 3, 0.75, 0}, s.scores(), 1e-12);
  }

  /** Against a naive implementation that forms the candidate mean vector for every candidate at every step. */
  @ParameterizedTest
  @CsvSource({"1, 20, 8, 3", "2, 50, 20, 16", "3, 15, 15, 5"})
  void equalsNaiveMeanMatching(long seed, int n, int k, int d) {
    FeatureMatrix f = TestPoints.gaussian(n, d, seed);
    double[] mu = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mu[j] += f.get(i, j) / (double) n;
      }
    }
    int[] idx = new int[k];
    double[] dist = new double[k];
    boolean[] chosen = new boolean[n];
    double[] sum = new double[d];
    for (int t = 1; t <= k; t++) {
      double best = Double.POSITIVE_INFINITY;
      for (int x = 0; x < n; x++) {
        if (chosen[x]) {
          continue;
        }
        double e = 0;
        for (int j = 0; j < d; j++) {
          double m = (sum[j] + f.get(x, j)) / t;
          e += (mu[j] - m) * (mu[j] - m);
        }
        if (Math.sqrt(e) < best) {
          best = Math.sqrt(e);
          idx[t - 1] = x;
        }
      }
      chosen[idx[t - 1]] = true;
      dist[t - 1] = best;
      for (int j = 0; j < d; j++) {
        sum[j] += f.get(idx[t - 1], j);
      }
    }
    Selection s = HerdingSelection.select(f, k);
    assertArrayEquals(idx, s.indices());
    assertArrayEquals(dist, s.scores(), 1e-9);
  }
}
