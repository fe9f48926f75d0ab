package org.evshard.transforms.select.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.evshard.transforms.select.DistilledClass;
import org.evshard.transforms.select.DistributionMatching;
import org.evshard.transforms.select.RandomConvNet;

/**
 * Cost of Distribution Matching per iteration: {@code classes} classes of {@code ipc} synthetic 32 x 32 RGB images
 * (CIFAR shape), the kernel run per class as the Beam step runs it, one thread. Real means over {@code real} random
 * images per class (timed separately: in the pipeline they are the Beam combine). Prints wall and this thread's CPU
 * time per iteration summed over the classes, and the first and last loss of each class.
 *
 * <p>Run: {@code mvn -o -q -pl transforms -am test-compile && java -Xmx1g -XX:+UseSerialGC -cp
 * transforms/target/classes:transforms/target/test-classes:io-formats/target/classes
 * org.evshard.transforms.select.bench.DistributionMatchingBench [classes] [ipc] [iterations] [nets] [real]}
 */
public final class DistributionMatchingBench {

  private DistributionMatchingBench() {}

  public static void main(String[] args) {
    int classes = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    int ipc = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    int nets = args.length > 3 ? Integer.parseInt(args[3]) : 1;
    int real = args.length > 4 ? Integer.parseInt(args[4]) : 20;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<RandomConvNet> pool = new ArrayList<>();
    for (int k = 0; k < nets; k++) {
      pool.add(RandomConvNet.cifar(DistributionMatching.netSeed(0, k)));
    }
    DistributionMatching dm = new DistributionMatching(pool, iterations, 1.0, 0.5);
    SplittableRandom rnd = new SplittableRandom(1);
    double meansWall = 0;
    double meansCpu = 0;
    double wall = 0;
    double cpu = 0;
    for (int c = 0; c < classes; c++) {
      byte[][] images = new byte[real][32 * 32 * 3];
      for (byte[] img : images) {
        for (int i = 0; i < img.length; i++) {
          img[i] = (byte) Math.max(0, Math.min(255, 20 * c + (i % 3) * 40 + rnd.nextInt(100)));
        }
      }
      long t0 = System.nanoTime();
      long c0 = threads.getCurrentThreadCpuTime();
      float[][] means = new float[nets][];
      for (int k = 0; k < nets; k++) {
        double[] sum = new double[pool.get(k).embeddingDim()];
        for (byte[] img : images) {
          float[] e = pool.get(k).embed(img);
          for (int d = 0; d < sum.length; d++) {
            sum[d] += e[d];
          }
        }
        means[k] = new float[sum.length];
        for (int d = 0; d < sum.length; d++) {
          means[k][d] = (float) (sum[d] / real);
        }
      }
      float[][] init = new float[ipc][];
      for (int j = 0; j < ipc; j++) {
        init[j] = pool.get(0).normalise(images[j % real]);
      }
      long t1 = System.nanoTime();
      long c1 = threads.getCurrentThreadCpuTime();
      DistilledClass out = dm.run(means, init);
      long t2 = System.nanoTime();
      long c2 = threads.getCurrentThreadCpuTime();
      meansWall += (t1 - t0) / 1e9;
      meansCpu += (c1 - c0) / 1e9;
      wall += (t2 - t1) / 1e9;
      cpu += (c2 - c1) / 1e9;
      double[] l = out.losses();
      System.out.printf(Locale.ROOT, "class %d: loss %.3f -> %.3f%n", c, l[0], l[l.length - 1]);
    }
    System.out.printf(Locale.ROOT, "%d classes x ipc %d, 32x32x3, %d iterations, %d nets: real means %.1f s wall / "
        + "%.1f s CPU (%d images x %d nets); distillation %.2f s wall / %.2f s CPU per iteration (all classes)%n",
        classes, ipc, iterations, nets, meansWall, meansCpu, classes * real, nets, wall / iterations,
        cpu / iterations);
  }
}
