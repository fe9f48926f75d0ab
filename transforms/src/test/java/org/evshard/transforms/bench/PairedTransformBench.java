package org.evshard.transforms.bench;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Two builds of the transform kernels in one JVM, run alternately on the same input: the paired comparison that
 * this shared machine needs. Separate JVMs (TransformBench's forks) differ by up to 1.8x with the same code, because
 * the vCPUs share cores with other tenants; runs that alternate within a few milliseconds see the same conditions,
 * so the count of rounds the second build wins says which is faster even when the medians of forks cannot.
 *
 * The two builds run in turns, the first of each pair alternating from round to round.
 *
 * <p>Usage: {@code PairedTransformBench BEFORE_CLASSES AFTER_CLASSES SHARED_CLASSPATH SPEC_REGEX [ROUNDS [EVENTS]]}:
 * the {@code transforms} classes of each build, then what both share ({@code transforms/target/test-classes} and
 * {@code io-formats/target/classes}, path-separated), the specs of {@link TransformBench} to run, the number of
 * paired rounds (default 101) and of events (default 1,000,000 on 128x128, as TransformBench). After a warm-up of
 * 200 alternating runs per spec, prints per build the median, quartiles and best in M events/s, and how many rounds
 * the second build was faster. {@code scripts/bench transforms-ab REF REGEX} builds REF in a worktree and runs this.
 */
public final class PairedTransformBench {

  private PairedTransformBench() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 101;
    int n = args.length > 5 ? Integer.parseInt(args[5]) : 1_000_000;
    Build[] builds = {new Build(args[0], args[2], n), new Build(args[1], args[2], n)};
    for (String spec : builds[1].specs()) {
      if (!spec.matches(args[3])) {
        continue;
      }
      Object[] chains = {builds[0].chain(spec), builds[1].chain(spec)};
      for (int w = 0; w < 200; w++) {
        builds[w & 1].run(chains[w & 1]);
      }
      double[][] rates = new double[2][rounds];
      int wins = 0;
      for (int r = 0; r < rounds; r++) {
        for (int k = 0; k < 2; k++) {
          int v = k ^ (r & 1); // the order alternates, so that neither build always runs second
          long t0 = System.nanoTime();
          builds[v].run(chains[v]);
          rates[v][r] = n / ((System.nanoTime() - t0) / 1e3);
        }
        wins += rates[1][r] > rates[0][r] ? 1 : 0;
      }
      System.out.println("PAIRED " + spec + ": second build faster in " + wins + " of " + rounds + " rounds");
      for (int v = 0; v < 2; v++) {
        double[] s = rates[v].clone();
        Arrays.sort(s);
        System.out.printf("  %s median %.1f (quartiles %.1f, %.1f; best %.1f) M events/s%n", v == 0 ? "first " : "second",
            s[rounds / 2], s[rounds / 4], s[3 * rounds / 4], s[rounds - 1]);
      }
    }
  }

  /** One build's classes in their own class loader, with the bench input made by its own TransformBench. */
  private static final class Build {
    private final Class<?> chainClass;
    private final Method parse;
    private final Method apply;
    private final Object events;
    private final Object sensor;
    private final Class<?> bench;

    Build(String classes, String shared, int n) throws Exception {
      String[] parts = (classes + java.io.File.pathSeparator + shared).split(java.io.File.pathSeparator);
      URL[] urls = new URL[parts.length];
      for (int i = 0; i < parts.length; i++) {
        urls[i] = Path.of(parts[i]).toUri().toURL();
      }
      ClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader());
      bench = loader.loadClass(TransformBench.class.getName());
      Class<?> sensorClass = loader.loadClass("org.evshard.transforms.SensorSize");
      Class<?> eventsClass = loader.loadClass("org.evshard.io.events.Events");
      sensor = sensorClass.getConstructor(int.class, int.class, int.class).newInstance(128, 128, 2);
      Method random = bench.getDeclaredMethod("random", int.class, sensorClass, long.class, long.class);
      random.setAccessible(true);
      events = random.invoke(null, n, sensor, 1_000_000L, 42L);
      chainClass = loader.loadClass("org.evshard.transforms.spec.TransformChain");
      parse = chainClass.getMethod("parse", List.class);
      apply = chainClass.getMethod("apply", eventsClass, sensorClass);
    }

    @SuppressWarnings("unchecked")
    List<String> specs() throws Exception {
      Field f = bench.getDeclaredField("SPECS");
      f.setAccessible(true);
      return (List<String>) f.get(null);
    }

    Object chain(String spec) throws Exception {
      return parse.invoke(null, List.of(spec.split(" (?=[a-z_]+\\()")));
    }

    void run(Object chain) throws Exception {
      apply.invoke(chain, events, sensor);
    }
  }
}
