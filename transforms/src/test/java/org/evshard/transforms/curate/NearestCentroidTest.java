package org.evshard.transforms.curate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.evshard.transforms.InvalidParameterException;
import org.junit.jupiter.api.Test;

/**
 * {@link NearestCentroid} against a brute-force argmax of dot products (DataComp's
 * {@code argmax(einsum("ik, jk -> ij", x, centroids))}, first maximum wins), on float32 and float16 rows.
 */
class NearestCentroidTest {

  @Test
  void matchesBruteForceArgmaxOfDotProducts() {
    SplittableRandom rnd = new SplittableRandom(5);
    int n = 400;
    int d = 24;
    int k = 17;
    float[] rows = gaussian(rnd, n * d);
    float[] cents = gaussian(rnd, k * d);
    float[] rowsBefore = rows.clone();
    int[] got = NearestCentroid.assign(rows, n, d, cents, k);
    for (int i = 0; i < n; i++) {
      assertEquals(bruteForce(rows, i, d, cents, k), got[i], "row " + i);
    }
    assertArrayEquals(rowsBefore, rows);
  }

  @Test
  void usesTheDotProductNotTheEuclideanDistance() {
    // x = (1, 0); c0 = (1, 0) is at distance 0, c1 = (3, 0) at distance 2 but has the larger dot product (3 > 1)
    int[] got = NearestCentroid.assign(new float[] {1, 0}, 1, 2, new float[] {1, 0, 3, 0}, 2);
    assertEquals(1, got[0]);
  }

  @Test
  void tiesGoToTheFirstCentroid() {
    int[] got = NearestCentroid.assign(new float[] {1, 1, -1, 2}, 2, 2, new float[] {0, 0, 2, 2, 2, 2}, 3);
    assertArrayEquals(new int[] {1, 1}, got);
    // all products zero: index 0
    assertArrayEquals(new int[] {0}, NearestCentroid.assign(new float[] {0, 0}, 1, 2, new float[] {1, 2, 3, 4}, 2));
  }

  @Test
  void float16RowsAreWidenedExactly() {
    SplittableRandom rnd = new SplittableRandom(9);
    int n = 200;
    int d = 16;
    int k = 9;
    short[] half = new short[n * d];
    float[] widened = new float[n * d];
    for (int i = 0; i < half.length; i++) {
      // finite halves only: exponent field 0..30
      int bits = (rnd.nextInt(2) << 15) | (rnd.nextInt(31) << 10) | rnd.nextInt(1024);
      half[i] = (short) bits;
      widened[i] = Float16.toFloat(half[i]);
    }
    float[] cents = gaussian(rnd, k * d);
    assertArrayEquals(NearestCentroid.assign(widened, n, d, cents, k), NearestCentroid.assignHalf(half, n, d, cents, k));
  }

  @Test
  void targetMaskAndKeep() {
    float[] cents = {1, 0, 0, 1, -1, 0}; // three centroids in 2-D
    float[] targets = {2, 0.1f, 0.2f, 3}; // nearest: 0 and 1
    boolean[] mask = NearestCentroid.targetMask(targets, 2, 2, cents, 3);
    assertArrayEquals(new boolean[] {true, true, false}, mask);
    int[] ids = NearestCentroid.assign(new float[] {-5, 0, 0, 5, 5, 0}, 3, 2, cents, 3);
    assertArrayEquals(new int[] {2, 1, 0}, ids);
    assertArrayEquals(new boolean[] {false, true, true}, NearestCentroid.keep(ids, mask));
  }

  @Test
  void rejectsWrongShapes() {
    assertThrows(InvalidParameterException.class,
        () -> NearestCentroid.assign(new float[5], 2, 2, new float[4], 2));
    assertThrows(InvalidParameterException.class,
        () -> NearestCentroid.assign(new float[4], 2, 2, new float[5], 2));
    assertThrows(InvalidParameterException.class, () -> NearestCentroid.keep(new int[] {3}, new boolean[3]));
  }

  private static int bruteForce(float[] rows, int i, int d, float[] cents, int k) {
    int best = -1;
    double bestDot = 0;
    for (int j = 0; j < k; j++) {
      double dot = 0;
      for (int t = d - 1; t >= 0; t--) { // reverse order: an independent summation
        dot += (double) rows[i * d + t] * (double) cents[j * d + t];
      }
      if (best < 0 || dot > bestDot) {
        best = j;
        bestDot = dot;
      }
    }
    return best;
  }

  private static float[] gaussian(SplittableRandom rnd, int count) {
    float[] v = new float[count];
    for (int i = 0; i < count; i++) {
      double u = rnd.nextDouble();
      double w = rnd.nextDouble();
      v[i] = (float) (Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w));
    }
    return v;
  }
}
