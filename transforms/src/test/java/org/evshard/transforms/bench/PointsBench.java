package org.evshard.transforms.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.evshard.io.events.Events;
import org.evshard.io.npy.NpyEvents;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.spec.TransformChain;

/**
 * Samples per second of {@code point_cloud} and {@code spike_voxel} on N-Caltech101-size samples, single thread,
 * 16 different samples in turn, warm-up first. Two kinds of sample:
 * <ul>
 *   <li>random (default): {@code events} uniformly random events on 240 x 180 over 300 ms. Every pixel equally likely
 *       is the worst case for the voxel codings: nearly every voxel is occupied, so the output is largest.</li>
 *   <li>{@code --real FILE.npy}: windows of {@code events} consecutive events of a real recording (Tonic's event
 *       dtype), starting 1/16 of the spare length apart; its sensor is the bounding box of the whole recording.
 *       With the shared fixture {@code aedat2/IMU_translBoxes.aedat.ref.npy} (DAVIS240, 240 x 180, 162,771 events)
 *       these are N-Caltech101-size samples from a real camera.</li>
 * </ul>
 * Prints the median and best of {@code runs} timed rounds as wall-clock samples/s and, since the machine is shared,
 * samples per second of this thread's CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime}).
 *
 * <p>Run: {@code mvn -o -q -pl transforms test-compile && java -Xms1g -Xmx1g -XX:+UseSerialGC -cp
 * transforms/target/classes:transforms/target/test-classes:io-formats/target/classes
 * org.evshard.transforms.bench.PointsBench [events] [runs] [--real FILE.npy] [--only REGEX]}
 */
public final class PointsBench {

  private static final List<String> SPECS = List.of(
      "point_cloud",
      "point_cloud(polarity=True)",
      "point_cloud(n_groups=256, k=24)",
      "spike_voxel(grid=(240, 180, 16))",
      "spike_voxel(grid=(60, 45, 8), time_steps=4)",
      "spike_voxel(grid_size=0.05)");

  private static final int SAMPLES = 16;
  private static final int PER_ROUND = 200;

  private PointsBench() {}

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 11;
    Path real = null;
    String only = ".*";
    for (int a = 2; a + 1 < args.length; a += 2) {
      switch (args[a]) {
        case "--real" -> real = Path.of(args[a + 1]);
        case "--only" -> only = args[a + 1];
        default -> throw new IllegalArgumentException("unknown option " + args[a]);
      }
    }
    SensorSize sensor = new SensorSize(240, 180, 2);
    Events[] samples = new Events[SAMPLES];
    if (real != null) {
      Events all = NpyEvents.read(real);
      if (all.size() < n) {
        throw new IllegalArgumentException(real + " holds " + all.size() + " events, fewer than " + n);
      }
      int w = 0;
      int h = 0;
      for (int i = 0; i < all.size(); i++) {
        w = Math.max(w, all.x()[i] + 1);
        h = Math.max(h, all.y()[i] + 1);
      }
      sensor = new SensorSize(w, h, 2);
      for (int i = 0; i < SAMPLES; i++) {
        int from = (int) ((long) (all.size() - n) * i / SAMPLES);
        samples[i] = all.slice(from, from + n);
      }
      System.out.printf("real recording %s: %d events, sensor %dx%d, windows of %d events%n", real, all.size(), w, h,
          n);
    } else {
      for (int i = 0; i < SAMPLES; i++) {
        samples[i] = TransformBench.random(n, sensor, 300_000L, 100 + i);
      }
      System.out.printf("uniformly random events: %d per sample, sensor 240x180, 300 ms%n", n);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sink = 0;
    for (String spec : SPECS) {
      if (!spec.matches(only)) {
        continue;
      }
      TransformChain chain = TransformChain.parse(List.of(spec));
      for (int i = 0; i < 3 * PER_ROUND; i++) { // warm-up
        sink += chain.apply(samples[i % SAMPLES], sensor, i + 1).tensor().size();
      }
      double[] wall = new double[runs];
      double[] cpu = new double[runs];
      for (int r = 0; r < runs; r++) {
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        for (int i = 0; i < PER_ROUND; i++) {
          sink += chain.apply(samples[i % SAMPLES], sensor, i + 1).tensor().size();
        }
        wall[r] = PER_ROUND / ((System.nanoTime() - t0) / 1e9);
        cpu[r] = PER_ROUND / ((mx.getCurrentThreadCpuTime() - c0) / 1e9);
      }
      Arrays.sort(wall);
      Arrays.sort(cpu);
      System.out.printf("BENCH %-45s samples/s wall %7.0f (best %7.0f)  cpu %7.0f (best %7.0f)%n", spec,
          wall[runs / 2], wall[runs - 1], cpu[runs / 2], cpu[runs - 1]);
    }
    System.out.println("(checksum " + sink + ")");
  }
}
