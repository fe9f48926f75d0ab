package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link PivotBounds} claims {@code cos(i, x) <= c} only when it holds: for every pair of rows and thresholds just above
 * the true cosine (where a wrong claim would show), on clustered rows with duplicates, mirrored rows and a zero row;
 * and on such data it does prune.
 */
class PivotBoundsTest {

  @ParameterizedTest
  @CsvSource({"1, 200, 8, 6, 4", "2, 150, 64, 10, 64", "3, 120, 3, 4, 16", "4, 100, 512, 8, 8"})
  void neverClaimsAFalseBoundAndPrunesOnClusters(long seed, int n, int d, int clusters, int pivots) {
    FeatureMatrix f = FacilityLocationLazyTest.clustered(n, d, clusters, seed);
    CosineSimilarity sim = new CosineSimilarity(f);
    PivotBounds bounds = new PivotBounds(sim, d, pivots);
    long pruned = 0;
    for (int x = 0; x < n; x++) {
      bounds.prepare(x);
      for (int i = 0; i < n; i++) {
        float cos = sim.cosine(x, i);
        for (float c : new float[] {cos, Math.nextUp(cos), cos + 1e-6f, cos + 1e-4f, cos + 0.01f, cos + 0.1f,
            cos + 0.5f, 1f}) {
          if (bounds.cannotExceed(i, c)) {
            assertTrue(cos <= c, "row " + i + ", x " + x + ": cos " + cos + " > claimed " + c);
            pruned++;
          }
        }
      }
    }
    assertTrue(pruned > 0, "some pair pruned");
  }
}
