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
 * The issue's quality check: a generated corpus of 10 classes x 2 well separated Gaussian clusters x 100 points in 32
 * dimensions; each method selects 10% per class. Coverage radius: max over all 2,000 points of the distance to the
 * nearest selected point. Prints the numbers; asserts what holds (every method covers every cluster; k-center has
 * the smallest radius and beats five random draws; herding and DQ do not beat random on this worst-case measure).
 */
class SelectionQualityTest {

  private static final int CLASSES = 10;
  private static final int CLUSTERS = 2;
  private static final int PER_CLUSTER = 100;
  private static final int D = 32;
  private static final int PER_CLASS = CLUSTERS * PER_CLUSTER;
  private static final int K = PER_CLASS / 10;

  @Test
  void structuredMethodsCoverEveryClassAndClusterAndRandomDoesNotBeatThem() {
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

  private static String[] ids(int cls) {
    String[] ids = new String[PER_CLASS];
    for (int i = 0; i < PER_CLASS; i++) {
      ids[i] = "class" + cls + "/" + i;
    }
    return ids;
  }
}
