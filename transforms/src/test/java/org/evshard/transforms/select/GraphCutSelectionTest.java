package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * GraphCut greedy against a naive implementation of Dataset Quantization's definition ({@code submodular_function.py}
 * {@code GraphCut.calc_gain}: {@code -2 * sum_{s in S} sim(s, x) + lambda * sum_i sim(i, x)}, {@code cossim_np} =
 * {@code 0.5 + 0.5 cos}; {@code NaiveGreedy}: first argmax), recomputed from scratch at every step in double.
 */
class GraphCutSelectionTest {

  @ParameterizedTest
  @CsvSource({"1, 12, 4, 3, 1.0", "2, 30, 10, 5, 1.0", "3, 40, 40, 8, 1.0", "4, 25, 7, 6, 0.5", "5, 25, 9, 6, 3.0"})
  void equalsNaiveGreedyStepByStep(long seed, int n, int k, int d, double lambda) {
    FeatureMatrix f = TestPoints.gaussian(n, d, seed);
    Selection s = GraphCutSelection.select(f, k, lambda);
    int[] pool = java.util.stream.IntStream.range(0, n).toArray();
    Naive naive = naiveGreedy(f, pool, k, lambda);
    assertArrayEquals(naive.idx, s.indices());
    assertArrayEquals(naive.gain, s.scores(), 1e-4);
  }

  /** Chosen rows and gains of naive GraphCut greedy over {@code pool}. */
  record Naive(int[] idx, double[] gain) {}

  static Naive naiveGreedy(FeatureMatrix f, int[] pool, int k, double lambda) {
    int[] idx = new int[k];
    double[] gain = new double[k];
    boolean[] chosen = new boolean[f.rows()];
    for (int t = 0; t < k; t++) {
      double best = Double.NEGATIVE_INFINITY;
      for (int x : pool) {
        if (chosen[x]) {
          continue;
        }
        double col = 0;
        for (int i : pool) {
          col += TestPoints.sim(f, i, x);
        }
        double pen = 0;
        for (int q = 0; q < t; q++) {
          pen += TestPoints.sim(f, idx[q], x);
        }
        double g = lambda * col - 2 * pen;
        if (g > best) {
          best = g;
          idx[t] = x;
        }
      }
      gain[t] = best;
      chosen[idx[t]] = true;
    }
    return new Naive(idx, gain);
  }
}
