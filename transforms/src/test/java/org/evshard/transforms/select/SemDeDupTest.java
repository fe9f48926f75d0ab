package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SemDeDup against brute force: the full cosine matrix in double, the order of {@code rank_within_cluster} (cosine
 * distance to the centroid, descending, stable) and {@code semdedup.py}'s rule (column max of the strict upper triangle
 * {@code > 1 - eps}), or the kept-only variant, on clusters with planted near-duplicates.
 */
class SemDeDupTest {

  @ParameterizedTest
  @CsvSource({"1, 30, 8, 0.01", "2, 40, 16, 0.05", "3, 25, 4, 0.1", "4, 50, 32, 0.002"})
  void equalsBruteForce(long seed, int n, int d, double eps) {
    FeatureMatrix f = withDuplicates(n, d, seed);
    double[][] cos = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        cos[i][j] = TestPoints.cos(f, i, j);
      }
    }
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        mean[k] += f.get(i, k);
      }
    }
    double[] dist = new double[n];
    for (int i = 0; i < n; i++) {
      double dot = 0;
      double ni = 0;
      double nm = 0;
      for (int k = 0; k < d; k++) {
        dot += f.get(i, k) * mean[k];
        ni += f.get(i, k) * f.get(i, k);
        nm += mean[k] * mean[k];
      }
      dist[i] = 1 - dot / Math.sqrt(ni * nm);
    }
    int[] hard = IntStream.range(0, n).boxed().sorted((a, b) -> Double.compare(dist[b], dist[a]))
        .mapToInt(Integer::intValue).toArray();

    DedupResult all = SemDeDup.dedup(f, null, eps, SemDeDup.Order.HARD, SemDeDup.Compare.ALL_EARLIER, 0);
    DedupResult kept = SemDeDup.dedup(f, null, eps, SemDeDup.Order.HARD, SemDeDup.Compare.KEPT, 0);
    assertArrayEquals(hard, all.order());
    boolean[] keptSoFar = new boolean[n];
    int dropsAll = 0;
    for (int r = 0; r < n; r++) {
      int j = hard[r];
      double m = 0; // the reference's triu column max (zeros below the diagonal)
      double mk = 0;
      int argK = -1;
      for (int q = 0; q < r; q++) {
        int i = hard[q];
        m = Math.max(m, cos[i][j]);
        if (keptSoFar[i] && cos[i][j] > mk) {
          mk = cos[i][j];
          argK = i;
        }
      }
      boolean dropAll = m > 1 - eps;
      assertEquals(!dropAll, all.isKept(j), "row " + j);
      assertEquals(m, all.maxSimilarity(j), 1e-5);
      if (dropAll) {
        dropsAll++;
        assertTrue(cos[all.duplicateOf(j)][j] > 1 - eps);
      }
      boolean dropKept = mk > 1 - eps;
      assertEquals(!dropKept, kept.isKept(j), "row " + j + " (kept-only)");
      assertEquals(dropKept ? argK : -1, kept.duplicateOf(j));
      keptSoFar[j] = !dropKept;
    }
    assertTrue(dropsAll > 0, "the planted duplicates are found");
    assertEquals(n - dropsAll, all.keptRows().length);
  }

  @ParameterizedTest
  @CsvSource({"5, 20, 6"})
  void easyReversesHardAndRandomIsASeededPermutation(long seed, int n, int d) {
    FeatureMatrix f = withDuplicates(n, d, seed);
    int[] hard = SemDeDup.dedup(f, null, 0.01, SemDeDup.Order.HARD, SemDeDup.Compare.ALL_EARLIER, 0).order();
    int[] easy = SemDeDup.dedup(f, null, 0.01, SemDeDup.Order.EASY, SemDeDup.Compare.ALL_EARLIER, 0).order();
    for (int i = 0; i < n; i++) {
      assertEquals(hard[i], easy[n - 1 - i]);
    }
    int[] r1 = SemDeDup.dedup(f, null, 0.01, SemDeDup.Order.RANDOM, SemDeDup.Compare.ALL_EARLIER, 7).order();
    int[] r1again = SemDeDup.dedup(f, null, 0.01, SemDeDup.Order.RANDOM, SemDeDup.Compare.ALL_EARLIER, 7).order();
    int[] r2 = SemDeDup.dedup(f, null, 0.01, SemDeDup.Order.RANDOM, SemDeDup.Compare.ALL_EARLIER, 8).order();
    assertArrayEquals(r1, r1again);
    assertTrue(!Arrays.equals(r1, r2));
    int[] sorted = r1.clone();
    Arrays.sort(sorted);
    assertArrayEquals(IntStream.range(0, n).toArray(), sorted);
  }

  /** Random rows where every fifth row is a slightly perturbed copy of the row before it. */
  private static FeatureMatrix withDuplicates(int n, int d, long seed) {
    Random r = new Random(seed);
    float[] a = new float[n * d];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        a[i * d + k] = i % 5 == 4 ? a[(i - 1) * d + k] + (float) (1e-3 * r.nextGaussian())
            : (float) r.nextGaussian();
      }
    }
    return new FeatureMatrix(n, d, a);
  }
}
