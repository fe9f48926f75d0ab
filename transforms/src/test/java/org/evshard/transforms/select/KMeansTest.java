package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KMeansTest {

  @ParameterizedTest
  @CsvSource({"1, 50, 5, 3", "2, 80, 8, 7", "3, 10, 10, 2"})
  void assignIsTheNearestCentroidByBruteForce(long seed, int n, int k, int d) {
    FeatureMatrix p = TestPoints.gaussian(n, d, seed);
    FeatureMatrix c = TestPoints.gaussian(k, d, seed + 100);
    int[] a = KMeans.assign(p, c);
    for (int x = 0; x < n; x++) {
      int best = 0;
      double bestD = Double.POSITIVE_INFINITY;
      for (int j = 0; j < k; j++) {
        double e = 0;
        for (int q = 0; q < d; q++) {
          e += ((double) p.get(x, q) - c.get(j, q)) * ((double) p.get(x, q) - c.get(j, q));
        }
        if (e < bestD) {
          bestD = e;
          best = j;
        }
      }
      assertEquals(best, a[x], "row " + x);
    }
  }

  @Test
  void tiesGoToTheLowerCentroid() {
    FeatureMatrix p = FeatureMatrix.of(new float[][] {{0, 0}, {1, 0}});
    FeatureMatrix c = FeatureMatrix.of(new float[][] {{2, 0}, {-1, 0}, {1, 0}, {1, 0}});
    assertArrayEquals(new int[] {1, 2}, KMeans.assign(p, c)); // (0,0): 1 and -1 tie at distance 1 -> centroid 1
  }

  /** Six well separated blobs: k-means++ seeds one centre per blob, mini-batch k-means keeps blobs pure. */
  @ParameterizedTest
  @CsvSource({"1", "2", "3"})
  void recoversWellSeparatedBlobsDeterministically(long seed) {
    int blobs = 6;
    int per = 50;
    int d = 8;
    Random r = new Random(seed);
    float[] a = new float[blobs * per * d];
    for (int b = 0; b < blobs; b++) {
      float[] centre = new float[d];
      centre[b % d] = 50 * (b / d + 1);
      for (int i = 0; i < per; i++) {
        for (int q = 0; q < d; q++) {
          a[((b * per) + i) * d + q] = centre[q] + (float) r.nextGaussian();
        }
      }
    }
    FeatureMatrix p = new FeatureMatrix(blobs * per, d, a);
    FeatureMatrix seeds = KMeans.kMeansPlusPlus(p, blobs, seed);
    Set<Integer> seeded = new HashSet<>();
    for (int j : KMeans.assign(seeds, seeds)) {
      seeded.add(j);
    }
    int[] blobOfSeed = Arrays.stream(KMeans.assign(seeds, p)).toArray();
    assertEquals(blobs, seeded.size());
    FeatureMatrix c = KMeans.miniBatch(p, blobs, 32, 50, seed);
    int[] label = KMeans.assign(p, c);
    for (int b = 0; b < blobs; b++) {
      Set<Integer> labels = new HashSet<>();
      for (int i = 0; i < per; i++) {
        labels.add(label[b * per + i]);
      }
      assertEquals(1, labels.size(), "blob " + b + " is one cluster");
    }
    assertEquals(blobs, Arrays.stream(label).distinct().count());
    assertTrue(blobOfSeed.length == blobs);
    assertArrayEquals(c.toArray(), KMeans.miniBatch(p, blobs, 32, 50, seed).toArray());
    assertFalse(Arrays.equals(c.toArray(), KMeans.miniBatch(p, blobs, 32, 50, seed + 10).toArray()));
  }
}
