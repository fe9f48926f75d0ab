package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VectorMathTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 8, 9, 15, 16, 17, 64, 511, 512})
  void dotAndDistanceMatchAPlainDoubleLoop(int d) {
    FeatureMatrix f = TestPoints.gaussian(3, d, d);
    float[] a = f.toArray();
    double dot = 0;
    double sq = 0;
    for (int k = 0; k < d; k++) {
      dot += (double) a[k] * a[d + k];
      sq += ((double) a[k] - a[d + k]) * ((double) a[k] - a[d + k]);
    }
    assertEquals(dot, VectorMath.dot(a, 0, a, d, d), 1e-5 * Math.sqrt(d));
    assertEquals(sq, VectorMath.squaredDistance(f, 0, 1), 1e-5 * d);
    assertEquals(TestPoints.cos(f, 1, 2), VectorMath.cosine(f, 1, 2), 1e-6);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 32})
  void normaliseGivesUnitRowsAndLeavesTheInputAlone(int d) {
    FeatureMatrix f = TestPoints.gaussian(4, d, 9);
    float[] zeroRow = f.toArray();
    java.util.Arrays.fill(zeroRow, d, 2 * d, 0f); // row 1 all zeros
    FeatureMatrix g = new FeatureMatrix(4, d, zeroRow);
    float[] before = g.toArray();
    FeatureMatrix u = VectorMath.l2Normalize(g);
    assertArrayEquals(before, g.toArray());
    for (int i = 0; i < 4; i++) {
      double n = 0;
      for (int k = 0; k < d; k++) {
        n += (double) u.get(i, k) * u.get(i, k);
        if (i != 1) {
          assertEquals(g.get(i, k) / Math.sqrt(sumSq(g, i)), u.get(i, k), 1e-6);
        }
      }
      assertEquals(i == 1 ? 0.0 : 1.0, n, 1e-5);
    }
    assertEquals(0.0, VectorMath.cosine(g, 0, 1));
  }

  private static double sumSq(FeatureMatrix f, int i) {
    double s = 0;
    for (int k = 0; k < f.dim(); k++) {
      s += (double) f.get(i, k) * f.get(i, k);
    }
    return s;
  }
}
