package org.evshard.transforms.select.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.evshard.transforms.select.CoverageCentricSelection;
import org.evshard.transforms.select.DatasetQuantization;
import org.evshard.transforms.select.FacilityLocationSelection;
import org.evshard.transforms.select.FeatureMatrix;
import org.evshard.transforms.select.GraphCutSelection;
import org.evshard.transforms.select.HerdingSelection;
import org.evshard.transforms.select.KCenterSelection;
import org.evshard.transforms.select.KMeans;
import org.evshard.transforms.select.RandomSelection;
import org.evshard.transforms.select.SemDeDup;

/**
 * Scale bench of the selection kernels: 100,000 x 512 float features in 10 classes of 10,000 (each class a mixture of
 * 20 Gaussian clusters), 10% budget per class, every method run per class as the Beam step runs it after its
 * {@code GroupByKey}; the {@code O(n log n)} methods (random, ccs) also on one group of 100,000. Prints per method the
 * wall time, this thread's CPU time and the largest per-group heap peak above what was resident before the group
 * (sum of the heap pools' peaks, {@link MemoryPoolMXBean#resetPeakUsage} after a full GC before each group).
 *
 * <p>Run: {@code mvn -o -q -pl transforms -am test-compile && java -Xms3g -Xmx3g -XX:+UseSerialGC -cp
 * transforms/target/classes:transforms/target/test-classes:io-formats/target/classes
 * org.evshard.transforms.select.bench.SelectionBench [classes] [perClass] [dim] [method[:classesToRun],...]}
 * (e.g. {@code 10 10000 512 herding,facility_location:2} runs facility location on the first 2 classes only).
 */
public final class SelectionBench {

  private SelectionBench() {}

  public static void main(String[] args) {
    int classes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int perClass = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int d = args.length > 2 ? Integer.parseInt(args[2]) : 512;
    java.util.Map<String, Integer> only = new java.util.LinkedHashMap<>(); // method -> groups to run (default: all)
    if (args.length > 3) {
      for (String m : args[3].split(",")) {
        String[] p = m.split(":");
        only.put(p[0], p.length > 1 ? Integer.parseInt(p[1]) : classes);
      }
    }
    int n = classes * perClass;
    int k = perClass / 10;
    float[] data = new float[n * d];
    SplittableRandom rng = new SplittableRandom(1);
    for (int c = 0; c < classes * 20; c++) {
      float[] centre = new float[d];
      for (int j = 0; j < d; j++) {
        centre[j] = (float) (3 * gaussian(rng));
      }
      int per = perClass / 20;
      for (int i = c * per; i < (c + 1) * per; i++) {
        for (int j = 0; j < d; j++) {
          data[i * d + j] = centre[j] + (float) gaussian(rng);
        }
      }
    }
    FeatureMatrix corpus = new FeatureMatrix(n, d, data);
    FeatureMatrix[] groups = new FeatureMatrix[classes];
    String[][] ids = new String[classes][perClass];
    double[][] scores = new double[classes][perClass];
    for (int c = 0; c < classes; c++) {
      int[] rows = new int[perClass];
      for (int i = 0; i < perClass; i++) {
        rows[i] = c * perClass + i;
        ids[c][i] = "class" + c + "/" + i;
        scores[c][i] = rng.nextDouble() * 20; // e.g. forgetting counts
      }
      groups[c] = corpus.select(rows);
    }
    String[] allIds = new String[n];
    double[] allScores = new double[n];
    for (int i = 0; i < n; i++) {
      allIds[i] = ids[i / perClass][i % perClass];
      allScores[i] = scores[i / perClass][i % perClass];
    }
    System.out.printf(Locale.ROOT, "corpus %d x %d in %d classes of %d, budget %d per class, %d cores, heap max %d MB%n",
        n, d, classes, perClass, k, Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    List<Object[]> runs = new ArrayList<>();
    runs.add(new Object[] {"random", (Function<Integer, Integer>) c -> RandomSelection.select(ids[c], k, 7).size()});
    runs.add(new Object[] {"ccs", (Function<Integer, Integer>) c ->
        CoverageCentricSelection.select(scores[c], k, 0.1, 50, true, 7).size()});
    runs.add(new Object[] {"herding", (Function<Integer, Integer>) c -> HerdingSelection.select(groups[c], k).size()});
    runs.add(new Object[] {"kcenter", (Function<Integer, Integer>) c -> KCenterSelection.select(groups[c], k).size()});
    runs.add(new Object[] {"graphcut", (Function<Integer, Integer>) c ->
        GraphCutSelection.select(groups[c], k, 1.0).size()});
    runs.add(new Object[] {"facility_location", (Function<Integer, Integer>) c ->
        FacilityLocationSelection.select(groups[c], k).size()});
    runs.add(new Object[] {"dq", (Function<Integer, Integer>) c -> DatasetQuantization.select(groups[c], k, 10, 7)
        .size()});
    runs.add(new Object[] {"semdedup", (Function<Integer, Integer>) c -> SemDeDup.dedup(groups[c], null, 0.05,
        SemDeDup.Order.HARD, SemDeDup.Compare.ALL_EARLIER, 7).keptRows().length});
    runs.add(new Object[] {"kmeans", (Function<Integer, Integer>) c -> KMeans.assign(groups[c],
        KMeans.miniBatch(groups[c], 20, 1024, 100, 7)).length});
    for (Object[] run : runs) {
      String name = (String) run[0];
      if (!only.isEmpty() && !only.containsKey(name)) {
        continue;
      }
      int groupsToRun = only.getOrDefault(name, classes);
      @SuppressWarnings("unchecked")
      Function<Integer, Integer> f = (Function<Integer, Integer>) run[1];
      measure(name + " x " + groupsToRun + " classes", groupsToRun, c -> (long) f.apply(c));
    }
    if (only.isEmpty() || only.containsKey("convnet")) {
      org.evshard.transforms.select.RandomConvNet net = org.evshard.transforms.select.RandomConvNet.cifar(7);
      byte[][] images = new byte[200][32 * 32 * 3];
      for (byte[] img : images) {
        for (int i = 0; i < img.length; i++) {
          img[i] = (byte) rng.nextInt(256);
        }
      }
      net.embedAll(images); // warm-up
      measure("convnet, 200 CIFAR images", 1, c -> (long) net.embedAll(images).rows());
    }
    if (only.isEmpty() || only.containsKey("random")) {
      measure("random, one group of " + n, 1, c -> (long) RandomSelection.select(allIds, n / 10, 7).size());
    }
    if (only.isEmpty() || only.containsKey("ccs")) {
      measure("ccs, one group of " + n, 1, c ->
          (long) CoverageCentricSelection.select(allScores, n / 10, 0.1, 50, true, 7).size());
    }
  }

  /**
   * Runs {@code body} on groups {@code 0 .. groups-1}; before each group a full GC and a reset of the heap pools' peak
   * usage, after it the peak minus the usage before (the group's working memory, garbage included, as SerialGC
   * collects only when the young generation fills). Prints total wall and CPU time and the largest per-group peak.
   */
  private static void measure(String name, int groups, java.util.function.IntToLongFunction body) {
    List<MemoryPoolMXBean> heap = new ArrayList<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        heap.add(p);
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double wall = 0;
    double cpu = 0;
    long worst = 0;
    long resident = 0;
    long out = 0;
    for (int g = 0; g < groups; g++) {
      System.gc();
      long base = 0;
      for (MemoryPoolMXBean p : heap) {
        base += p.getUsage().getUsed();
        p.resetPeakUsage();
      }
      resident = base;
      long c0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      out += body.applyAsLong(g);
      wall += (System.nanoTime() - t0) / 1e9;
      cpu += (mx.getCurrentThreadCpuTime() - c0) / 1e9;
      long peak = 0;
      for (MemoryPoolMXBean p : heap) {
        peak += p.getPeakUsage().getUsed();
      }
      worst = Math.max(worst, peak - base);
    }
    System.out.printf(Locale.ROOT,
        "%-32s wall %8.2f s  cpu %8.2f s  (%.2f s cpu per group)  resident %4d MB  peak per group +%.1f MB  out %d%n",
        name, wall, cpu, cpu / groups, resident >> 20, worst / 1048576.0, out);
  }

  private static double gaussian(SplittableRandom r) {
    return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
