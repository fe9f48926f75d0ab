package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class GaussianProjectionTest {

  @Test
  void entriesAreNormalWithVarianceOneOverKAndSeeded() {
    int d = 200;
    int k = 100;
    GaussianProjection p = GaussianProjection.create(d, k, 11);
    double sum = 0;
    double sq = 0;
    double fourth = 0;
    for (int j = 0; j < d; j++) {
      for (int q = 0; q < k; q++) {
        double v = p.weight(j, q) * Math.sqrt(k); // standard normal if the scale is 1/sqrt(k)
        sum += v;
        sq += v * v;
        fourth += v * v * v * v;
      }
    }
    int m = d * k;
    assertEquals(0, sum / m, 0.03); // standard error 1/sqrt(20000) = 0.007
    assertEquals(1, sq / m, 0.05);
    assertEquals(3, fourth / m, 0.25); // kurtosis of a normal
    GaussianProjection same = GaussianProjection.create(d, k, 11);
    GaussianProjection other = GaussianProjection.create(d, k, 12);
    assertEquals(p.weight(17, 3), same.weight(17, 3));
    assertTrue(p.weight(17, 3) != other.weight(17, 3));
  }

  @Test
  void applyIsTheMatrixProductAndKeepsNormsOnAverage() {
    FeatureMatrix x = TestPoints.gaussian(50, 64, 3);
    float[] before = x.toArray();
    GaussianProjection p = GaussianProjection.create(64, 256, 5);
    FeatureMatrix y = p.apply(x);
    assertArrayEquals(before, x.toArray());
    double ratio = 0;
    for (int i = 0; i < 50; i++) {
      double nx = 0;
      double ny = 0;
      for (int q = 0; q < 256; q++) {
        double s = 0;
        for (int j = 0; j < 64; j++) {
          s += (double) x.get(i, j) * p.weight(j, q);
        }
        assertEquals(s, y.get(i, q), 1e-4);
        ny += s * s;
      }
      for (int j = 0; j < 64; j++) {
        nx += (double) x.get(i, j) * x.get(i, j);
      }
      ratio += ny / nx / 50;
    }
    assertEquals(1, ratio, 0.1); // E||xR||^2 = ||x||^2 (Johnson-Lindenstrauss scaling)
    assertFalse(Arrays.equals(y.toArray(), GaussianProjection.create(64, 256, 6).apply(x).toArray()));
  }
}
