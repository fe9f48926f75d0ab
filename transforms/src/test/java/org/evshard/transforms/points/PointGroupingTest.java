package org.evshard.transforms.points;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.evshard.transforms.Tensor;
import org.junit.jupiter.api.Test;

class PointGroupingTest {

  @Test
  void farthestPointsOfAConstructedCloud() {
    float[] pts = {
        0f, 0f, 0f, // 0: start
        0.125f, 0f, 0f, // 1
        0.5f, 0.5f, 0.5f, // 2
        1f, 0f, 0f, // 3
        1f, 1f, 1f}; // 4
    int[] out = new int[4];
    PointGrouping.farthestPoints(pts, 0, 5, 3, out, new double[5]);
    // (1,1,1) is farthest from the start (d^2 3), then (1,0,0) (min d^2 1), then the centre (min d^2 0.75)
    assertArrayEquals(new int[] {0, 4, 3, 2}, out);
  }

  @Test
  void theEightCornersComeFirstAmongInteriorPoints() {
    SplittableRandom rng = new SplittableRandom(1);
    int p = 200;
    float[] pts = new float[p * 3];
    int[] cornerAt = new int[8];
    for (int i = 0; i < p; i++) {
      for (int a = 0; a < 3; a++) {
        pts[3 * i + a] = (float) (0.45 + 0.1 * rng.nextDouble());
      }
    }
    for (int c = 0; c < 8; c++) {
      int i = c == 0 ? 0 : 1 + rng.nextInt(p - 1);
      while (c > 0 && Arrays.stream(cornerAt, 0, c).anyMatch(j -> j == i)) {
        throw new IllegalStateException("choose another seed");
      }
      cornerAt[c] = i;
      for (int a = 0; a < 3; a++) {
        pts[3 * i + a] = (c >> a & 1);
      }
    }
    int[] out = new int[8];
    PointGrouping.farthestPoints(pts, 0, p, 3, out, new double[p]);
    int[] got = out.clone();
    int[] want = cornerAt.clone();
    Arrays.sort(got);
    Arrays.sort(want);
    assertArrayEquals(want, got);
    assertEquals(0, out[0]);
    assertEquals(cornerAt[7], out[1]); // (1,1,1) is the farthest from (0,0,0)
  }

  @Test
  void nearestNeighboursRelativeWithCentroidAppended() {
    float[] pts = {0f, 0f, 0f, 0.125f, 0f, 0f, 0.5f, 0.5f, 0.5f, 1f, 0f, 0f, 1f, 1f, 1f};
    Tensor g = PointGrouping.group(Tensor.ofFloat32(new long[] {1, 5, 3}, pts), 3, 2);
    assertArrayEquals(new long[] {1, 3, 2, 6}, g.shape());
    float[] want = {
        0f, 0f, 0f, 0f, 0f, 0f, 0.125f, 0f, 0f, 0f, 0f, 0f, // centroid (0,0,0): itself, then (0.125,0,0)
        0f, 0f, 0f, 1f, 1f, 1f, -0.5f, -0.5f, -0.5f, 1f, 1f, 1f, // centroid (1,1,1): itself, then the centre
        0f, 0f, 0f, 1f, 0f, 0f, -0.5f, 0.5f, 0.5f, 1f, 0f, 0f}; // centroid (1,0,0): itself, centre (d^2 .75)
    assertArrayEquals(want, g.floats());
  }
}
