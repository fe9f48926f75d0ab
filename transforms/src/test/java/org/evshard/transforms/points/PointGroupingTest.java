package org.evshard.transforms.points;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.TransformException;
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
    PointGrouping.farthestPoints(pts, 0, 5, 3, out);
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
    PointGrouping.farthestPoints(pts, 0, p, 3, out);
    int[] got = out.clone();
    int[] want = cornerAt.clone();
    Arrays.sort(got);
    Arrays.sort(want);
    assertArrayEquals(want, got);
    assertEquals(0, out[0]);
    assertEquals(cornerAt[7], out[1]); // (1,1,1) is the farthest from (0,0,0)
  }

  @Test
  void aCoordinateThatIsNotFiniteIsRefused() {
    float[] pts = {0f, 0f, 0f, 0.5f, Float.NaN, 0f, 1f, 1f, 1f};
    TransformException e = assertThrows(TransformException.class,
        () -> PointGrouping.group(Tensor.ofFloat32(new long[] {1, 3, 3}, pts), 2, 2));
    assertEquals("point grouping: point 1 has a coordinate that is not finite: (0.5, NaN, 0.0)", e.getMessage());
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

  @org.junit.jupiter.params.ParameterizedTest(
      name = "{0} windows of {1} points, {2} groups of {3}, {4} channels, t in time order: {5}, {6}")
  @org.junit.jupiter.params.provider.CsvSource({"1, 64, 8, 5, 3, false, lattice", "3, 257, 32, 16, 4, false, lattice",
      "2, 1024, 256, 24, 3, false, lattice", "1, 40, 40, 40, 4, false, lattice", "1, 64, 8, 5, 3, true, lattice",
      "3, 257, 32, 16, 4, true, lattice", "2, 1024, 256, 24, 3, true, lattice", "1, 40, 40, 40, 4, true, lattice",
      "2, 300, 64, 1, 3, true, lattice", "1, 500, 50, 30, 3, true, lattice", "2, 1024, 256, 24, 3, true, uniform",
      "2, 1024, 256, 24, 4, false, uniform", "2, 1024, 256, 24, 3, true, clusters",
      "1, 1024, 128, 100, 3, true, clusters", "1, 600, 200, 24, 3, false, clusters"})
  void equalsABruteForceReference(int windows, int p, int groups, int k, int c, boolean timeOrdered, String layout) {
    SplittableRandom rng = new SplittableRandom(p * 31L + groups);
    float[] pts = new float[windows * p * c];
    for (int i = 0; i < pts.length; i++) {
      pts[i] = switch (layout) {
        // coordinates on a coarse lattice, so equal distances (ties) are common
        case "lattice" -> (i % c == 3) ? rng.nextInt(2) : rng.nextInt(9) / 8f;
        case "uniform" -> (i % c == 3) ? rng.nextInt(2) : rng.nextFloat();
        // most points in a few tight clusters, the rest spread: the density, and with it each centroid's k-th
        // distance, changes by orders of magnitude from one centroid to the next
        default -> (i % c == 3) ? rng.nextInt(2)
            : (i / c) % 5 == 0 ? rng.nextFloat() : ((i / c) % 3) / 3f + rng.nextFloat() / 1000;
      };
    }
    if (timeOrdered) { // as a point cloud keeps its points: t non-decreasing within each window (the outward search)
      for (int w = 0; w < windows; w++) {
        float[] t = new float[p];
        for (int i = 0; i < p; i++) {
          t[i] = pts[(w * p + i) * c + 2];
        }
        Arrays.sort(t);
        for (int i = 0; i < p; i++) {
          pts[(w * p + i) * c + 2] = t[i];
        }
      }
    }
    Tensor got = PointGrouping.group(Tensor.ofFloat32(new long[] {windows, p, c}, pts), groups, k);
    float[] want = new float[windows * groups * k * (c + 3)];
    int o = 0;
    for (int w = 0; w < windows; w++) {
      int base = w * p * c;
      // FPS by the definition: start at 0, then the point whose nearest chosen centroid is farthest, lowest index
      int[] chosen = new int[groups];
      for (int g = 1; g < groups; g++) {
        double bestD = -1;
        for (int i = 0; i < p; i++) {
          double m = Double.POSITIVE_INFINITY;
          for (int j = 0; j < g; j++) {
            m = Math.min(m, dist2(pts, base + i * c, base + chosen[j] * c));
          }
          if (m > bestD) {
            bestD = m;
            chosen[g] = i;
          }
        }
      }
      for (int g = 0; g < groups; g++) {
        int ci = base + chosen[g] * c;
        Integer[] order = new Integer[p];
        for (int i = 0; i < p; i++) {
          order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
          int cmp = Double.compare(dist2(pts, base + a * c, ci), dist2(pts, base + b * c, ci));
          return cmp != 0 ? cmp : Integer.compare(a, b);
        });
        for (int j = 0; j < k; j++) {
          int pi = base + order[j] * c;
          for (int a = 0; a < 3; a++) {
            want[o + a] = pts[pi + a] - pts[ci + a];
            want[o + c + a] = pts[ci + a];
          }
          if (c == 4) {
            want[o + 3] = pts[pi + 3];
          }
          o += c + 3;
        }
      }
    }
    assertArrayEquals(want, got.floats());
  }

  private static double dist2(float[] pts, int a, int b) {
    double dx = (double) pts[a] - pts[b];
    double dy = (double) pts[a + 1] - pts[b + 1];
    double dt = (double) pts[a + 2] - pts[b + 2];
    return dx * dx + dy * dy + dt * dt;
  }
}
