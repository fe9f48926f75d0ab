package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The issue's quality check, on two kinds of generated corpora; each method selects 10% per class, as the Beam step
 * does after grouping by label. Prints the numbers (docs/SELECTION.md has them) and asserts what holds.
 *
 * <ol>
 *   <li>Equal clusters: 10 classes x 2 well separated Gaussian clusters x 100 points in 32 dimensions. Coverage radius:
 *       max over all 2,000 points of the distance to the nearest selected point.
 *   <li>Long-tailed clusters: 10 classes of 1,000 points in 64 dimensions, each class a mixture of well separated
 *       Gaussian clusters (subpopulations) whose sizes follow Zipf's law, {@code size_r ~ 1 / r}: 20 clusters per class
 *       (278 down to 13 points, every cluster at least 1% of its class, i.e. worth one of the 100 picks), and 40 per
 *       class (234 down to 5, the tail below 1%). Real classes look like this: subpopulation frequencies within a class
 *       are long-tailed (Feldman, "Does learning require memorization? A short tale about a long tail", STOC 2020;
 *       Zhu, Anguelov and Ramanan, "Capturing long-tail distributions of object subcategories", CVPR 2014), and a
 *       small cluster is where a uniform draw misses a mode. Coverage radius per class: the largest distance of a point
 *       of the class to the nearest point selected from the class (the selection of a class must represent that
 *       class), maximised over the classes. Random and DQ (whose draw is seeded) run with 20 seeds.
 * </ol>
 */
class SelectionQualityTest {

  private static final int CLASSES = 10;
  private static final int CLUSTERS = 2;
  private static final int PER_CLUSTER = 100;
  private static final int D = 32;
  private static final int PER_CLASS = CLUSTERS * PER_CLUSTER;
  private static final int K = PER_CLASS / 10;

  @Test
  void equalClustersStructuredMethodsCoverEveryClusterAndKCenterBeatsRandom() {
    Random r = new Random(2024);
    float[] all = new float[CLASSES * PER_CLASS * D];
    for (int c = 0; c < CLASSES * CLUSTERS; c++) {
      float[] centre = new float[D];
      for (int q = 0; q < D; q++) {
        centre[q] = (float) (8 * r.nextGaussian()); // centres ~ 8 sqrt(2 * 32) = 64 apart, noise radius ~ sqrt(32)
      }
      for (int i = 0; i < PER_CLUSTER; i++) {
        for (int q = 0; q < D; q++) {
          all[(c * PER_CLUSTER + i) * D + q] = centre[q] + (float) r.nextGaussian();
        }
      }
    }
    FeatureMatrix corpus = new FeatureMatrix(CLASSES * PER_CLASS, D, all);

    Map<String, BiFunction<FeatureMatrix, Integer, Selection>> methods = new LinkedHashMap<>();
    methods.put("kcenter", (f, cls) -> KCenterSelection.select(f, K));
    methods.put("herding", (f, cls) -> HerdingSelection.select(f, K));
    methods.put("dq", (f, cls) -> DatasetQuantization.select(f, K, 10, cls));
    methods.put("facility_location", (f, cls) -> FacilityLocationSelection.select(f, K));
    methods.put("graphcut", (f, cls) -> GraphCutSelection.select(f, K, 1.0));
    for (int seed = 0; seed < 5; seed++) {
      long s = seed;
      methods.put("random#" + seed, (f, cls) -> RandomSelection.select(ids(cls), K, s));
    }
    Map<String, Double> radius = new LinkedHashMap<>();
    Map<String, Integer> clustersHit = new LinkedHashMap<>();
    for (var m : methods.entrySet()) {
      int[] chosen = new int[CLASSES * K];
      int n = 0;
      Set<Integer> clusters = new HashSet<>();
      for (int cls = 0; cls < CLASSES; cls++) {
        int[] rows = new int[PER_CLASS];
        for (int i = 0; i < PER_CLASS; i++) {
          rows[i] = cls * PER_CLASS + i;
        }
        Selection s = m.getValue().apply(corpus.select(rows), cls);
        for (int i : s.indices()) {
          chosen[n++] = rows[i];
          clusters.add(rows[i] / PER_CLUSTER);
        }
      }
      radius.put(m.getKey(), KCenterSelection.coverageRadius(corpus, java.util.Arrays.copyOf(chosen, n)));
      clustersHit.put(m.getKey(), clusters.size());
      System.out.printf("quality %-18s selected %3d  clusters covered %2d/20  coverage radius %.3f%n", m.getKey(), n,
          clusters.size(), radius.get(m.getKey()));
    }
    double bestRandom = Double.POSITIVE_INFINITY;
    for (int seed = 0; seed < 5; seed++) {
      bestRandom = Math.min(bestRandom, radius.get("random#" + seed));
    }
    for (String m : new String[] {"kcenter", "herding", "dq"}) {
      assertEquals(CLASSES * CLUSTERS, clustersHit.get(m), m + " covers every cluster of every class");
    }
    // What holds: k-center (which minimises the radius) beats every random draw and the other methods. Herding and
    // DQ match the distribution, not the worst case: their radius lies inside the spread of the random draws (in 32
    // dimensions every point sits about sqrt(2 * 32) = 8 from its cluster mates, so radii differ little), and this
    // test does not claim more for them.
    assertTrue(radius.get("kcenter") < bestRandom, "kcenter " + radius.get("kcenter") + " vs random " + bestRandom);
    assertTrue(radius.get("kcenter") <= radius.get("herding") && radius.get("kcenter") <= radius.get("dq"));
  }

  private static final int LT_CLASSES = 10;
  private static final int LT_PER_CLASS = 1000;
  private static final int LT_K = LT_PER_CLASS / 10;
  private static final int LT_DIM = 64;
  private static final int SEEDS = 20;

  @Test
  void longTailTwentyClustersPerClass() {
    LongTail corpus = new LongTail(20, 2024);
    Map<String, Coverage[]> m = corpus.measureAll();
    for (String method : new String[] {"kcenter", "herding", "facility_location"}) {
      assertEquals(corpus.clusterCount(), m.get(method)[0].clusters, method + " covers every cluster of every class");
      assertTrue(m.get(method)[0].radius < Coverage.minRadius(m.get("random")),
          method + " radius " + m.get(method)[0].radius + " vs best random " + Coverage.minRadius(m.get("random")));
    }
    for (Coverage c : m.get("dq")) {
      assertEquals(LT_CLASSES, c.classes, "dq covers every class");
    }
  }

  @Test
  void longTailFortyClustersPerClass() {
    LongTail corpus = new LongTail(40, 2025);
    Map<String, Coverage[]> m = corpus.measureAll();
    for (String method : new String[] {"kcenter", "facility_location"}) {
      assertEquals(corpus.clusterCount(), m.get(method)[0].clusters, method + " covers every cluster of every class");
      assertTrue(m.get(method)[0].radius < Coverage.minRadius(m.get("random")),
          method + " radius " + m.get(method)[0].radius + " vs best random " + Coverage.minRadius(m.get("random")));
    }
    for (Coverage c : m.get("dq")) {
      assertEquals(LT_CLASSES, c.classes, "dq covers every class");
    }
  }

  /** Clusters and classes hit by one selection, and its per-class coverage radius. */
  private static final class Coverage {
    final int clusters;
    final int classes;
    final double radius;
    final int largestMissed; // size of the largest cluster without a selected point, 0 if none

    Coverage(int clusters, int classes, double radius, int largestMissed) {
      this.clusters = clusters;
      this.classes = classes;
      this.radius = radius;
      this.largestMissed = largestMissed;
    }

    static double minRadius(Coverage[] runs) {
      double r = Double.POSITIVE_INFINITY;
      for (Coverage c : runs) {
        r = Math.min(r, c.radius);
      }
      return r;
    }
  }

  /** The long-tailed corpus: per class {@code clusters} Gaussian clusters of Zipf sizes, centres ~ N(0, 64 I). */
  private static final class LongTail {
    final int clustersPerClass;
    final int[] sizes;
    final FeatureMatrix[] groups = new FeatureMatrix[LT_CLASSES];
    final int[] clusterOf = new int[LT_CLASSES * LT_PER_CLASS]; // row of class c, position i: c * LT_PER_CLASS + i

    LongTail(int clustersPerClass, long seed) {
      this.clustersPerClass = clustersPerClass;
      this.sizes = zipfSizes(LT_PER_CLASS, clustersPerClass);
      Random r = new Random(seed);
      for (int c = 0; c < LT_CLASSES; c++) {
        float[] a = new float[LT_PER_CLASS * LT_DIM];
        int row = 0;
        for (int q = 0; q < clustersPerClass; q++) {
          float[] centre = new float[LT_DIM];
          for (int j = 0; j < LT_DIM; j++) {
            centre[j] = (float) (8 * r.nextGaussian()); // centres ~ 8 sqrt(2 * 64) = 90 apart, noise radius ~ 8
          }
          for (int i = 0; i < sizes[q]; i++, row++) {
            clusterOf[c * LT_PER_CLASS + row] = c * clustersPerClass + q;
            for (int j = 0; j < LT_DIM; j++) {
              a[row * LT_DIM + j] = centre[j] + (float) r.nextGaussian();
            }
          }
        }
        groups[c] = new FeatureMatrix(LT_PER_CLASS, LT_DIM, a);
      }
    }

    int clusterCount() {
      return LT_CLASSES * clustersPerClass;
    }

    Map<String, Coverage[]> measureAll() {
      QuantizationBins[] bins = new QuantizationBins[LT_CLASSES];
      for (int c = 0; c < LT_CLASSES; c++) {
        bins[c] = DatasetQuantization.bins(groups[c], 10);
      }
      Map<String, BiFunction<Integer, Long, Selection>> methods = new LinkedHashMap<>();
      methods.put("kcenter", (c, s) -> KCenterSelection.select(groups[c], LT_K));
      methods.put("herding", (c, s) -> HerdingSelection.select(groups[c], LT_K));
      methods.put("facility_location", (c, s) -> FacilityLocationSelection.select(groups[c], LT_K));
      methods.put("graphcut", (c, s) -> GraphCutSelection.select(groups[c], LT_K, 1.0));
      methods.put("dq", (c, s) -> DatasetQuantization.sample(bins[c], (double) LT_K / LT_PER_CLASS, s));
      methods.put("random", (c, s) -> RandomSelection.select(classIds(c), LT_K, s));
      Map<String, Coverage[]> out = new LinkedHashMap<>();
      System.out.printf("quality long tail: %d classes x %d clusters (sizes %s) x %d-d%n", LT_CLASSES,
          clustersPerClass, java.util.Arrays.toString(sizes), LT_DIM);
      for (var m : methods.entrySet()) {
        boolean seeded = m.getKey().equals("dq") || m.getKey().equals("random");
        Coverage[] runs = new Coverage[seeded ? SEEDS : 1];
        for (int s = 0; s < runs.length; s++) {
          runs[s] = measure(m.getValue(), s);
        }
        out.put(m.getKey(), runs);
        StringBuilder clusters = new StringBuilder();
        StringBuilder radii = new StringBuilder();
        StringBuilder missed = new StringBuilder();
        for (Coverage c : runs) {
          clusters.append(' ').append(c.clusters);
          radii.append(String.format(java.util.Locale.ROOT, " %.2f", c.radius));
          missed.append(' ').append(c.largestMissed);
        }
        System.out.printf("quality %-18s clusters covered of %d:%s | classes %d | radius:%s | largest missed:%s%n",
            m.getKey(), clusterCount(), clusters, runs[0].classes, radii, missed);
      }
      return out;
    }

    private Coverage measure(BiFunction<Integer, Long, Selection> method, long seed) {
      Set<Integer> clusters = new HashSet<>();
      int classes = 0;
      double radius = 0;
      for (int c = 0; c < LT_CLASSES; c++) {
        int[] chosen = method.apply(c, seed).indices();
        classes += chosen.length > 0 ? 1 : 0;
        for (int i : chosen) {
          clusters.add(clusterOf[c * LT_PER_CLASS + i]);
        }
        radius = Math.max(radius, chosen.length == 0 ? Double.POSITIVE_INFINITY
            : KCenterSelection.coverageRadius(groups[c], chosen));
      }
      int largestMissed = 0;
      for (int q = 0; q < clusterCount(); q++) {
        if (!clusters.contains(q)) {
          largestMissed = Math.max(largestMissed, sizes[q % clustersPerClass]);
        }
      }
      return new Coverage(clusters.size(), classes, radius, largestMissed);
    }

    private static String[] classIds(int cls) {
      String[] ids = new String[LT_PER_CLASS];
      for (int i = 0; i < LT_PER_CLASS; i++) {
        ids[i] = "class" + cls + "/" + i;
      }
      return ids;
    }

    /** {@code n} split by Zipf's law over {@code c} ranks: floor of {@code n r^-1 / H_c}, the rest one each from rank 1. */
    static int[] zipfSizes(int n, int c) {
      double h = 0;
      for (int r = 1; r <= c; r++) {
        h += 1.0 / r;
      }
      int[] sizes = new int[c];
      int used = 0;
      for (int r = 0; r < c; r++) {
        sizes[r] = (int) Math.floor(n / ((r + 1) * h));
        used += sizes[r];
      }
      for (int r = 0; used < n; r = (r + 1) % c) {
        sizes[r]++;
        used++;
      }
      return sizes;
    }
  }

  private static String[] ids(int cls) {
    String[] ids = new String[PER_CLASS];
    for (int i = 0; i < PER_CLASS; i++) {
      ids[i] = "class" + cls + "/" + i;
    }
    return ids;
  }
}
