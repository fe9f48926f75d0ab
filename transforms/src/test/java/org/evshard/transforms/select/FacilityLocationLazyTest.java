package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The incremental re-evaluation of {@link FacilityLocationSelection} against {@link LazyGreedyReference} (every stale
 * bound re-evaluated from scratch): the same picks and bit-identical gains on clustered groups large enough for the
 * change log to restart and for many incremental re-evaluations, with exact duplicates and mirrored rows (equal gains,
 * decided by the lower index), a zero row, and budgets up to the whole group.
 */
class FacilityLocationLazyTest {

  @ParameterizedTest
  @CsvSource({"1, 400, 8, 12, 80", "2, 600, 16, 30, 120", "3, 300, 4, 5, 300", "4, 800, 32, 60, 200",
      "5, 250, 2, 3, 60"})
  void samePicksAndBitIdenticalGainsAsDirectReEvaluation(long seed, int n, int d, int clusters, int k) {
    FeatureMatrix f = clustered(n, d, clusters, seed);
    Selection fast = FacilityLocationSelection.select(f, k);
    Selection reference = LazyGreedyReference.select(f, k);
    assertArrayEquals(reference.indices(), fast.indices());
    for (int r = 0; r < k; r++) {
      assertEquals(Double.doubleToLongBits(reference.score(r)), Double.doubleToLongBits(fast.score(r)),
          "gain at rank " + r);
    }
  }

  /**
   * {@code n} rows around {@code clusters} Gaussian centres of unequal sizes; every fifth row is an exact duplicate of
   * an earlier one, every seventh the mirror image of an earlier one through its centre, row 3 is all zeros.
   */
  static FeatureMatrix clustered(int n, int d, int clusters, long seed) {
    Random r = new Random(seed);
    float[][] centres = new float[clusters][d];
    for (float[] c : centres) {
      for (int j = 0; j < d; j++) {
        c[j] = (float) (3 * r.nextGaussian());
      }
    }
    float[] a = new float[n * d];
    int[] clusterOf = new int[n];
    for (int i = 0; i < n; i++) {
      int c = (int) Math.min(clusters - 1, Math.floor(clusters * Math.pow(r.nextDouble(), 2)));
      clusterOf[i] = c;
      for (int j = 0; j < d; j++) {
        if (i % 5 == 4) {
          a[i * d + j] = a[(i / 2) * d + j];
        } else if (i % 7 == 6) {
          int src = i / 3;
          a[i * d + j] = 2 * centres[clusterOf[src]][j] - a[src * d + j];
        } else if (i != 3) {
          a[i * d + j] = centres[c][j] + (float) (0.5 * r.nextGaussian());
        }
      }
    }
    return new FeatureMatrix(n, d, a);
  }
}
