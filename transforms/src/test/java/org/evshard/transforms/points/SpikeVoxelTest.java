package org.evshard.transforms.points;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.evshard.io.events.Events;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.TestEvents;
import org.evshard.transforms.TransformException;
import org.evshard.transforms.spec.TransformChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpikeVoxelTest {

  private static Tensor run(String spec, Events e, SensorSize s) {
    return TransformChain.parse(List.of(spec)).apply(e, s).tensor();
  }

  @Test
  void pinsTheLayout() {
    // 4x4 sensor, grid (2, 2, 2), t from 0 to 100: it = floor(t * 2 / 100), 100 clamped to bin 1
    Events e = TestEvents.of(new int[] {3, 0, 1, 3, 2, 0, 1}, new int[] {0, 0, 1, 0, 3, 3, 0},
        new long[] {0, 10, 20, 50, 60, 99, 100}, new boolean[] {true, true, false, false, false, true, true});
    Tensor t = run("spike_voxel(grid=(2, 2, 2), max_spikes=2, time_steps=3)", e, new SensorSize(4, 4, 2));
    assertEquals(Tensor.ElementType.INT64, t.type());
    long[] want = {
        // ix iy it count on-off spikes b0 b1 b2
        0, 0, 0, 2, 0, 2, 1, 1, 0, // (0,0,t10,ON) (1,1,t20,OFF)
        0, 0, 1, 1, 1, 1, 1, 0, 0, // (1,0,t100,ON)
        0, 1, 1, 1, 1, 1, 1, 0, 0, // (0,3,t99,ON)
        1, 0, 0, 1, 1, 1, 1, 0, 0, // (3,0,t0,ON)
        1, 0, 1, 1, -1, 1, 1, 0, 0, // (3,0,t50,OFF)
        1, 1, 1, 1, -1, 1, 1, 0, 0}; // (2,3,t60,OFF)
    assertArrayEquals(new long[] {6, 9}, t.shape());
    assertArrayEquals(want, t.longs());
    // grid_size=0.5 is the same grid here
    Tensor s = run("spike_voxel(grid_size=0.5, max_spikes=2, time_steps=3)", e, new SensorSize(4, 4, 2));
    assertEquals(t, s);
  }

  @Test
  void multispikeCapsTheCount() {
    int n = 7;
    Events e = TestEvents.of(new int[n], new int[n], new long[n], new boolean[] {true, true, true, true, true, false,
        false});
    Tensor t = run("spike_voxel(grid=(1, 1, 1))", e, new SensorSize(4, 4, 2));
    assertArrayEquals(new long[] {0, 0, 0, 7, 3, 4}, t.longs());
  }

  @ParameterizedTest(name = "grid ({0}, {1}, {2}), {3} events")
  @CsvSource({"1, 1, 1, 10", "8, 6, 4, 50", "240, 180, 16, 20000", "7, 5, 1000, 5000", "240, 180, 100000, 3000",
      "3, 3, 3, 100000"})
  void equalsABruteForceReference(long bx, long by, long bt, int n) {
    SensorSize s = new SensorSize(240, 180, 2);
    Events e = TestEvents.random(n, s, 1_234_567, bx * 31 + bt);
    Tensor t = run("spike_voxel(grid=(" + bx + ", " + by + ", " + bt + "), max_spikes=3, time_steps=4)", e, s);
    // reference: a sorted map from (ix, iy, it) to {count, on - off}, exact BigInteger-free arithmetic
    long t0 = e.t()[0];
    long span = e.t()[n - 1] - t0;
    TreeMap<List<Long>, long[]> ref = new TreeMap<>((a, b) -> {
      for (int i = 0; i < 3; i++) {
        int c = Long.compare(a.get(i), b.get(i));
        if (c != 0) {
          return c;
        }
      }
      return 0;
    });
    for (int i = 0; i < n; i++) {
      long ix = e.x()[i] * bx / 240;
      long iy = e.y()[i] * by / 180;
      long it = span == 0 ? 0 : Math.min(bt - 1, java.math.BigInteger.valueOf(e.t()[i] - t0)
          .multiply(java.math.BigInteger.valueOf(bt)).divide(java.math.BigInteger.valueOf(span)).longValue());
      long[] v = ref.computeIfAbsent(List.of(ix, iy, it), k -> new long[2]);
      v[0]++;
      v[1] += e.p()[i] ? 1 : -1;
    }
    List<Long> want = new ArrayList<>();
    for (Map.Entry<List<Long>, long[]> en : ref.entrySet()) {
      want.addAll(en.getKey());
      long spikes = Math.min(3, en.getValue()[0]);
      want.addAll(List.of(en.getValue()[0], en.getValue()[1], spikes));
      for (int st = 0; st < 4; st++) {
        want.add(st < spikes ? 1L : 0L);
      }
    }
    assertArrayEquals(new long[] {ref.size(), 10}, t.shape());
    long[] expected = want.stream().mapToLong(Long::longValue).toArray();
    assertArrayEquals(expected, t.longs());
    long[] grid = {bx, by, bt};
    for (EventVoxels.Path path : paths(bx * by * bt)) {
      assertArrayEquals(expected, SpikeVoxel.byBins(e, s, grid, 3, 4, path).longs(), path.name());
    }
  }

  /** The counting paths that fit a grid of {@code voxels}: all of them, but the dense one only on small grids. */
  private static List<EventVoxels.Path> paths(long voxels) {
    return voxels <= 1 << 22 ? List.of(EventVoxels.Path.DENSE, EventVoxels.Path.CELL_SORT, EventVoxels.Path.ID_SORT)
        : List.of(EventVoxels.Path.CELL_SORT, EventVoxels.Path.ID_SORT);
  }

  @Test
  void emptyAndSingleEvent() {
    SensorSize s = new SensorSize(34, 34, 2);
    assertArrayEquals(new long[] {0, 6}, run("spike_voxel(grid_size=0.1)", Events.empty(), s).shape());
    assertArrayEquals(new long[] {3, 1, 0, 1, -1, 1},
        run("spike_voxel(grid_size=0.1)", TestEvents.single(12, 5, 99, false), s).longs());
  }

  @Test
  void rejectsBadParameters() {
    for (String bad : List.of("spike_voxel", "spike_voxel(grid=(2, 2, 2), grid_size=0.1)", "spike_voxel(grid=(2, 2))",
        "spike_voxel(grid=(0, 2, 2))", "spike_voxel(grid_size=0)", "spike_voxel(grid_size=1.5)",
        "spike_voxel(grid_size=0.1, max_spikes=0)", "spike_voxel(grid_size=0.1, time_steps=2)",
        "spike_voxel(grid=(2, 2.5, 2))")) {
      assertThrows(InvalidParameterException.class, () -> TransformChain.parse(List.of(bad)), bad);
    }
  }

  @ParameterizedTest(name = "grid_size {0}, {1} events")
  @CsvSource({"1.0, 10", "0.3, 500", "0.05, 100000", "0.001, 20000", "0.0001, 3000"})
  void gridSizeEqualsTheFormula(double g, int n) {
    SensorSize s = new SensorSize(240, 180, 2);
    Events e = TestEvents.random(n, s, 987_654, (long) (g * 1e4) + n);
    Tensor t = run("spike_voxel(grid_size=" + g + ", max_spikes=2)", e, s);
    long bins = (long) Math.ceil(1.0 / g);
    double span = e.t()[n - 1] - e.t()[0];
    TreeMap<List<Long>, long[]> ref = new TreeMap<>(SpikeVoxelTest::lexicographic);
    for (int i = 0; i < n; i++) {
      long ix = Math.min((long) Math.floor(e.x()[i] / 240.0 / g), bins - 1);
      long iy = Math.min((long) Math.floor(e.y()[i] / 180.0 / g), bins - 1);
      long it = span == 0 ? 0 : Math.min((long) Math.floor((e.t()[i] - e.t()[0]) / span / g), bins - 1);
      long[] v = ref.computeIfAbsent(List.of(ix, iy, it), k -> new long[2]);
      v[0]++;
      v[1] += e.p()[i] ? 1 : -1;
    }
    assertArrayEquals(rows(ref, 2, 0), t.longs());
  }

  @ParameterizedTest(name = "grid ({0}, {1}, {2}), {3} events")
  @CsvSource({"4, 4, 4, 1000", "60, 45, 8, 30000", "20, 20, 20, 1000", "1, 1, 1, 5", "240, 180, 16, 5000",
      "1000, 900, 3, 2000"})
  void everyCountingPathAgrees(long bx, long by, long bt, int n) {
    SensorSize s = new SensorSize(240, 180, 2);
    Events e = TestEvents.random(n, s, 300_000, bx + by + bt + n);
    Events shuffled = shuffled(e, n);
    long[] grid = {bx, by, bt};
    Tensor want = SpikeVoxel.byBins(e, s, grid, 4, 5, EventVoxels.Path.ID_SORT);
    double g = 1.0 / Math.min(bx, 100);
    Tensor wantSize = SpikeVoxel.bySize(e, s, g, 3, 0, EventVoxels.Path.ID_SORT);
    for (EventVoxels.Path path : paths(bx * by * bt)) {
      assertEquals(want, SpikeVoxel.byBins(e, s, grid, 4, 5, path), path.name());
      assertEquals(want, SpikeVoxel.byBins(shuffled, s, grid, 4, 5, path), path.name() + " out of time order");
      assertEquals(wantSize, SpikeVoxel.bySize(e, s, g, 3, 0, path), path.name() + " grid_size");
    }
  }

  @Test
  void anEventOffTheSensorIsNamedOnEveryPath() {
    SensorSize s = new SensorSize(240, 180, 2);
    Events e = TestEvents.random(1000, s, 300_000, 9);
    for (int[] bad : new int[][] {{240, 5}, {3, 180}, {-1, 0}, {0, -7}}) {
      short[] x = e.x().clone();
      short[] y = e.y().clone();
      x[700] = (short) bad[0];
      y[700] = (short) bad[1];
      Events off = Events.wrap(x, y, e.t(), e.p());
      for (EventVoxels.Path path : EventVoxels.Path.values()) {
        TransformException ex = assertThrows(TransformException.class,
            () -> SpikeVoxel.byBins(off, s, new long[] {24, 18, 4}, 4, 0, path), path.name());
        assertTrue(ex.getMessage().contains("event 700 at (x=" + bad[0] + ", y=" + bad[1] + ")"), ex.getMessage());
      }
    }
  }

  @Test
  void choosesThePathBySize() {
    assertEquals(EventVoxels.Path.DENSE, EventVoxels.choose(60 * 45, 8, 100_000));
    assertEquals(EventVoxels.Path.DENSE, EventVoxels.choose(20 * 20, 20, 100_000));
    assertEquals(EventVoxels.Path.CELL_SORT, EventVoxels.choose(60 * 45, 8, 100), "more voxels than 8 per event");
    assertEquals(EventVoxels.Path.CELL_SORT, EventVoxels.choose(240 * 180, 16, 100_000));
    assertEquals(EventVoxels.Path.ID_SORT, EventVoxels.choose(1280 * 720, 16, 1000), "plane larger than 4 per event");
  }

  private static Events shuffled(Events e, int n) {
    int[] perm = new java.util.Random(3).ints(0, n).distinct().limit(n).toArray();
    short[] x = new short[n];
    short[] y = new short[n];
    long[] ts = new long[n];
    boolean[] p = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = e.x()[perm[i]];
      y[i] = e.y()[perm[i]];
      ts[i] = e.t()[perm[i]];
      p[i] = e.p()[perm[i]];
    }
    return Events.wrap(x, y, ts, p);
  }

  @Test
  void timestampOrderDoesNotMatter() {
    SensorSize s = new SensorSize(240, 180, 2);
    Events e = TestEvents.random(5000, s, 1_000_000, 7);
    Events shuffled = shuffled(e, e.size());
    for (String spec : List.of("spike_voxel(grid=(24, 18, 10))", "spike_voxel(grid_size=0.02)",
        "spike_voxel(grid=(240, 180, 50))")) {
      assertEquals(run(spec, e, s), run(spec, shuffled, s), spec);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {"grid=(4, 3, 5)|4|3|5|0", "grid_size=0.25|4|4|4|0.25", "grid=(50, 50, 50)|50|50|50|0"})
  void onPointsEqualsABruteForceReference(String gridArg, long bx, long by, long bt, double g) {
    SensorSize s = new SensorSize(240, 180, 2);
    Events e = TestEvents.random(20_000, s, 2_000_000, 11);
    for (boolean polarity : new boolean[] {false, true}) {
      String cloudSpec = "point_cloud(window=500000, stride=250000, n_points=256, polarity=" + (polarity ? "True"
          : "False") + ", seed=5)";
      Tensor cloud = TransformChain.parse(List.of(cloudSpec)).apply(e, s).tensor();
      Tensor t = TransformChain.parse(List.of(cloudSpec, "spike_voxel(" + gridArg + ", time_steps=4)"))
          .apply(e, s).tensor();
      int c = polarity ? 4 : 3;
      float[] pts = cloud.floats();
      TreeMap<List<Long>, long[]> ref = new TreeMap<>(SpikeVoxelTest::lexicographic);
      for (int i = 0; i < pts.length / c; i++) {
        long w = i / cloud.dim(1);
        long[] bins = {bx, by, bt};
        List<Long> key = new ArrayList<>(List.of(w));
        for (int a = 0; a < 3; a++) {
          double u = pts[i * c + a];
          key.add(Math.min(g > 0 ? (long) Math.floor(u / g) : (long) Math.floor(u * bins[a]), bins[a] - 1));
        }
        long[] v = ref.computeIfAbsent(key, k -> new long[2]);
        v[0]++;
        v[1] += polarity ? (pts[i * c + 3] == 1f ? 1 : -1) : 0;
      }
      assertArrayEquals(new long[] {ref.size(), 11}, t.shape(), cloudSpec);
      assertArrayEquals(rows(ref, 4, 4), t.longs(), cloudSpec);
      assertEquals(t, SpikeVoxel.points(cloud, new long[] {bx, by, bt}, g, 4, 4, true), "sort path");
    }
  }

  @Test
  void onTensorsOtherThanPointsFails() {
    assertThrows(TransformException.class, () -> TransformChain.parse(List.of("frame(n_time_bins=2)",
        "spike_voxel(grid_size=0.5)")));
    SensorSize s = new SensorSize(34, 34, 2);
    Events e = TestEvents.random(3000, s, 1_000_000, 1);
    assertThrows(InvalidParameterException.class, () -> TransformChain.parse(List.of(
        "point_cloud(n_points=64, n_groups=4, k=8)", "spike_voxel(grid_size=0.5)")).apply(e, s));
  }

  private static int lexicographic(List<Long> a, List<Long> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = Long.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static long[] rows(TreeMap<List<Long>, long[]> ref, long maxSpikes, int steps) {
    List<Long> want = new ArrayList<>();
    for (Map.Entry<List<Long>, long[]> en : ref.entrySet()) {
      want.addAll(en.getKey());
      long spikes = Math.min(maxSpikes, en.getValue()[0]);
      want.addAll(List.of(en.getValue()[0], en.getValue()[1], spikes));
      for (int st = 0; st < steps; st++) {
        want.add(st < spikes ? 1L : 0L);
      }
    }
    return want.stream().mapToLong(Long::longValue).toArray();
  }
}
