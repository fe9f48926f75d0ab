package org.evshard.transforms.points;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.TestEvents;
import org.evshard.transforms.TransformException;
import org.evshard.transforms.spec.TransformChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PointCloudTest {

  private static final SensorSize SENSOR = new SensorSize(240, 180, 2);

  private static Tensor run(String spec, Events e, SensorSize s) {
    return TransformChain.parse(List.of(spec)).apply(e, s).tensor();
  }

  @Test
  void handComputedTenEventsFourPoints() {
    // windows (Tonic's slice_by_time, include_incomplete): [0,100) [50,150) [100,200) [150,250); the second holds one
    // event (< min_events, skipped), the others exactly n_points = 4 events, so every one is taken in time order
    Events e = TestEvents.of(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 0, 1},
        new long[] {0, 10, 20, 30, 120, 160, 170, 180, 240, 250},
        new boolean[] {true, false, true, false, true, false, true, false, true, false});
    Tensor t = PointCloud.apply(e, new SensorSize(10, 8, 2), 100, 50, 4, 4, true, 123, 0, 0);
    assertArrayEquals(new long[] {3, 4, 4}, t.shape());
    float[] expected = {
        0f, 0f, 0f, 1f, 0.1f, 0.125f, 1f / 3f, 0f, 0.2f, 0.25f, 2f / 3f, 1f, 0.3f, 0.375f, 1f, 0f,
        0.4f, 0.5f, 0f, 1f, 0.5f, 0.625f, 2f / 3f, 0f, 0.6f, 0.75f, 5f / 6f, 1f, 0.7f, 0.875f, 1f, 0f,
        0.5f, 0.625f, 0f, 0f, 0.6f, 0.75f, 0.125f, 1f, 0.7f, 0.875f, 0.25f, 0f, 0.8f, 0f, 1f, 1f};
    assertArrayEquals(expected, t.floats());
    // without polarity the same, three channels
    Tensor three = run("point_cloud(window=100, stride=50, min_events=4, n_points=4)", e, new SensorSize(10, 8, 2));
    assertArrayEquals(new long[] {3, 4, 3}, three.shape());
    assertEquals(expected[4 * 4 + 2], three.floats()[4 * 3 + 2]);
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 1024, 5000})
  void seededRunsIdenticalOtherSeedsDiffer(int nPoints) {
    Events e = TestEvents.random(3000, SENSOR, 1_000_000, 5);
    String spec = "point_cloud(n_points=" + nPoints + ", polarity=True, seed=%d)";
    Tensor a = run(String.format(spec, 1), e, SENSOR);
    Tensor b = run(String.format(spec, 1), e, SENSOR);
    Tensor c = run(String.format(spec, 2), e, SENSOR);
    assertEquals(a, b);
    assertNotEquals(a, c);
    assertEquals(3, a.dim(0)); // ~1 s: ceil((1 s - 0.5 s) / 0.25 s) + 1 = 3 windows
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 64, 1024, 4096})
  void everyValueInUnitIntervalAndTimeOrdered(int nPoints) {
    Events e = TestEvents.random(20_000, SENSOR, 2_000_000, 9);
    Tensor t = PointCloud.apply(e, SENSOR, 500_000, 250_000, 100, nPoints, true, 3, 0, 0);
    float[] v = t.floats();
    for (float f : v) {
      assertTrue(f >= 0f && f <= 1f, "value " + f);
    }
    for (int w = 0; w < t.dim(0); w++) {
      for (int i = 1; i < nPoints; i++) {
        int o = (w * nPoints + i) * 4;
        assertTrue(v[o + 2] >= v[o - 4 + 2], "window " + w + " point " + i + " out of time order");
      }
    }
  }

  @Test
  void withoutReplacementWhenEnoughWithReplacementWhenFewer() {
    SplittableRandom rng = new SplittableRandom(4);
    int[] idx = new int[50];
    PointCloud.sample(rng, 10, 110, idx);
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < idx.length; i++) {
      assertTrue(idx[i] >= 10 && idx[i] < 110);
      assertTrue(i == 0 || idx[i] > idx[i - 1], "not distinct and ascending");
      seen.add(idx[i]);
    }
    assertEquals(50, seen.size());
    int[] many = new int[40];
    PointCloud.sample(rng, 3, 8, many);
    for (int i = 0; i < many.length; i++) {
      assertTrue(many[i] >= 3 && many[i] < 8);
      assertTrue(i == 0 || many[i] >= many[i - 1]);
    }
    // all of a window when it holds exactly n_points
    int[] all = new int[5];
    PointCloud.sample(rng, 0, 5, all);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4}, all);
  }

  @Test
  void samplingWithoutReplacementIsUniform() {
    SplittableRandom rng = new SplittableRandom(11);
    int[] hits = new int[20];
    int[] idx = new int[5];
    int rounds = 40_000;
    for (int r = 0; r < rounds; r++) {
      PointCloud.sample(rng, 0, 20, idx);
      for (int i : idx) {
        hits[i]++;
      }
    }
    double mean = rounds * 5 / 20.0; // 10,000; binomial sd about 87
    for (int h : hits) {
      assertTrue(Math.abs(h - mean) < 6 * 87, "hits " + h);
    }
  }

  @Test
  void skipsSparseWindowsAndHandlesEmptyAndOneEvent() {
    assertArrayEquals(new long[] {0, 1024, 3}, run("point_cloud", Events.empty(), SENSOR).shape());
    Events one = TestEvents.single(5, 6, 1000, true);
    assertArrayEquals(new long[] {0, 1024, 3}, run("point_cloud", one, SENSOR).shape());
    Tensor t = run("point_cloud(min_events=1, n_points=3, polarity=True)", one, SENSOR);
    assertArrayEquals(new long[] {1, 3, 4}, t.shape());
    float[] row = {5f / 240, 6f / 180, 0f, 1f};
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(row, java.util.Arrays.copyOfRange(t.floats(), 4 * i, 4 * i + 4));
    }
  }

  @Test
  void groupedLayout() {
    Events e = TestEvents.random(5000, SENSOR, 400_000, 2);
    Tensor g = run("point_cloud(n_points=256, n_groups=32, k=8, polarity=True)", e, SENSOR);
    assertArrayEquals(new long[] {1, 32, 8, 7}, g.shape());
    float[] v = g.floats();
    for (int grp = 0; grp < 32; grp++) {
      int o = grp * 8 * 7;
      assertEquals(0f, v[o]); // first neighbour is the centroid itself
      assertEquals(0f, v[o + 1]);
      assertEquals(0f, v[o + 2]);
      for (int j = 0; j < 8; j++) {
        int q = o + j * 7;
        assertEquals(v[o + 4], v[q + 4]); // centroid appended, same for the whole group
        assertTrue(v[q + 3] == 0f || v[q + 3] == 1f);
      }
    }
    assertArrayEquals(new long[] {1, 32, 8, 6}, run("point_cloud(n_points=256, n_groups=32, k=8)", e, SENSOR)
        .shape());
  }

  @Test
  void rejectsBadParametersAndInput() {
    for (String bad : List.of("point_cloud(window=0)", "point_cloud(stride=600000)", "point_cloud(n_points=0)",
        "point_cloud(min_events=0)", "point_cloud(n_groups=4)", "point_cloud(k=4)",
        "point_cloud(n_points=8, n_groups=9, k=2)", "point_cloud(n_points=8, n_groups=2, k=9)")) {
      assertThrows(InvalidParameterException.class, () -> TransformChain.parse(List.of(bad)), bad);
    }
    Events unsorted = TestEvents.of(new int[] {1, 2}, new int[] {1, 2}, new long[] {5, 4}, new boolean[2]);
    assertThrows(TransformException.class, () -> run("point_cloud", unsorted, SENSOR));
    Events outside = TestEvents.single(240, 0, 0, true);
    assertThrows(TransformException.class, () -> run("point_cloud", outside, SENSOR));
  }

  /** A wild timestamp gave "slice_by_time: parameters give 39999999 slices", a step the user never wrote. */
  @Test
  void tooManyWindowsAreNamedAfterPointCloud() {
    Events wild = TestEvents.of(new int[] {1, 2}, new int[] {1, 2}, new long[] {0, 10_000_000_000_000L},
        new boolean[2]);
    InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> run("point_cloud", wild,
        SENSOR));
    assertTrue(e.getMessage().startsWith("point_cloud: parameters give "), e.getMessage());
  }
}
