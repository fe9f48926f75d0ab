package org.evshard.transforms.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.spec.ChainResult;
import org.evshard.transforms.spec.TransformChain;

/**
 * Throughput of the kernels, single thread: 1 M random events on a 128 x 128 sensor over one second (sorted t),
 * a warm-up by time (at least 2 s and one garbage collection per spec, {@code -Devshard.bench.warmupMillis=N}),
 * then the median of timed runs per transform. Prints {@code BENCH <spec> <M events/s>} (median wall),
 * the best wall run, then the median and best by thread CPU time ({@link ThreadMXBean}), which a machine shared with
 * other jobs disturbs far less than wall time.
 *
 * <p>Run: {@code mvn -o -q -pl transforms test-compile && java -cp
 * transforms/target/classes:transforms/target/test-classes:io-formats/target/classes
 * org.evshard.transforms.bench.TransformBench [events] [runs] [spec regex]}
 */
public final class TransformBench {

  private static final List<String> SPECS = List.of(
      "frame(n_time_bins=20)",
      "frame(time_window=10000)",
      "voxel_grid(n_time_bins=10)",
      "denoise(filter_time=10000)",
      "refractory_period(refractory_period=1000)",
      "timesurface(dt=10000, tau=5000)",
      "frame(event_count=10000)",
      "frame(n_event_bins=20, overlap=0.1)",
      "voxel_grid(n_time_bins=10, scaling=e2vid)",
      "decimate(n=3)",
      "drop_hot_pixels(hot_pixel_frequency=60)",
      "crop(x=16, y=16, width=96, height=96)",
      "center_crop(width=64, height=64)",
      "flip_lr",
      "flip_polarity",
      "downsample(spatial_factor=0.5, time_factor=0.001)",
      "event_downsampling(target_size=(32, 32), dt=1, noise_threshold=2)",
      "event_downsampling(target_size=(32, 32), dt=1, noise_threshold=2, downsampling_method=differentiator)",
      "merge_polarities",
      "time_align",
      "crop_time(min=100000, max=900000)",
      "spatial_jitter(var_x=1, var_y=1, clip_outliers=True, seed=1)",
      "time_jitter(std=100, seed=1)",
      "uniform_noise(n=100000, seed=1)",
      "drop_event(p=0.2, seed=1)",
      "drop_event_by_time(duration_ratio=0.2, seed=1)",
      "drop_event_by_area(area_ratio=0.2, seed=1)",
      "slice_by_time(time_window=10000)",
      "slice_by_event_count(event_count=10000)",
      "averaged_timesurface(cell_size=8, surface_size=5, time_window=1000, tau=100)",
      "frame(n_time_bins=24) bina_rep(n_frames=3, n_bits=8)");

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  /** Shortest warm-up per spec (JMH's default is 5 x 10 s; the kernels here settle within a second). */
  private static final long WARMUP_NANOS = Long.getLong("evshard.bench.warmupMillis", 2000) * 1_000_000L;
  /** Longest warm-up while waiting for the first young collection (a kernel that allocates little never has one). */
  private static final long MAX_WARMUP_NANOS = 4 * WARMUP_NANOS;

  private TransformBench() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
    SensorSize sensor = new SensorSize(128, 128, 2);
    Events events = random(n, sensor, 1_000_000L, 42);
    long sink = 0;
    String only = args.length > 2 ? args[2] : null;
    for (String line : SPECS) {
      if (only != null && !line.matches(only)) {
        continue;
      }
      TransformChain chain = TransformChain.parse(List.of(line.split(" (?=[a-z_]+\\()")));
      // warm-up as JMH does it, by time: at least WARMUP_NANOS and max(5, runs / 2) runs, so that the JIT has
      // settled and the young generation has been collected at least once: the timed runs then allocate their
      // outputs in heap pages that were touched before, as in a long-running worker (a fresh JVM's first pass
      // over its heap pays about 3 us per 4 KB page in faults, which a worker pays once)
      long warmStart = System.nanoTime();
      long collections = youngCollections();
      for (int i = 0; i < Math.max(5, runs / 2) || System.nanoTime() - warmStart < WARMUP_NANOS
          || youngCollections() == collections && System.nanoTime() - warmStart < MAX_WARMUP_NANOS; i++) {
        sink += size(chain.apply(events, sensor));
      }
      double[] mevs = new double[runs];
      double[] cpu = new double[runs];
      for (int i = 0; i < runs; i++) {
        long c0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        sink += size(chain.apply(events, sensor));
        long dt = System.nanoTime() - t0;
        long dc = THREADS.getCurrentThreadCpuTime() - c0;
        mevs[i] = n / (dt / 1e3); // events per microsecond = M events/s
        cpu[i] = n / (Math.max(dc, 1) / 1e3);
      }
      Arrays.sort(mevs);
      Arrays.sort(cpu);
      System.out.printf("BENCH %s %.1f (best %.1f) cpu %.1f (best %.1f)%n", line, mevs[runs / 2], mevs[runs - 1],
          cpu[runs / 2], cpu[runs - 1]);
    }
    System.out.println("(checksum " + sink + ")");
  }

  /** Collections so far by every collector (the young one counts first; SerialGC's and G1's young runs included). */
  private static long youngCollections() {
    long n = 0;
    for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += Math.max(0, gc.getCollectionCount());
    }
    return n;
  }

  private static long size(ChainResult r) {
    return switch (r.kind()) {
      case EVENTS -> r.events().size();
      case SLICES -> r.slices().count();
      case TENSOR -> r.tensor().size();
    };
  }

  /** {@code n} events uniform over the sensor and over {@code [0, duration)} us, sorted by time. */
  static Events random(int n, SensorSize s, long duration, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    for (int i = 0; i < n; i++) {
      t[i] = rng.nextLong(duration);
      x[i] = (short) rng.nextInt(s.width());
      y[i] = (short) rng.nextInt(s.height());
      p[i] = rng.nextBoolean();
    }
    Arrays.sort(t);
    return Events.wrap(x, y, t, p);
  }
}
