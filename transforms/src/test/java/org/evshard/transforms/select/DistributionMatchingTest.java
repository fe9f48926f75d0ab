package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.evshard.transforms.InvalidParameterException;
import org.junit.jupiter.api.Test;

class DistributionMatchingTest {

  private static final float[] MEAN = {0.5f, 0.5f, 0.5f};
  private static final float[] STD = {0.25f, 0.25f, 0.25f};

  /** Two generated classes of 16 x 16 RGB images; each class's loss under each net falls over the iterations. */
  @Test
  void lossDecreasesPerClassAndNet() {
    List<RandomConvNet> pool = List.of(net(16, 1), net(16, 2));
    DistributionMatching dm = new DistributionMatching(pool, 30, 1.0, 0.5);
    for (int cls = 0; cls < 2; cls++) {
      byte[][] real = classImages(cls, 10, 16, 100 + cls);
      float[][] means = realMeans(pool, real);
      float[][] init = {pool.get(0).normalise(real[0]), pool.get(0).normalise(real[1])};
      float[][] before = copy(init);
      DistilledClass out = dm.run(means, init);
      assertArrayEquals(before, init);
      double[] loss = out.losses();
      assertEquals(30, loss.length);
      assertArrayEquals(new int[] {0, 1, 0, 1}, java.util.Arrays.copyOf(out.nets(), 4));
      for (int k = 0; k < 2; k++) {
        double first = loss[k];
        double last = loss[loss.length - 2 + k];
        double finalLoss = dm.loss(means, out.images(), k);
        System.out.printf("class %d net %d: loss %.4f -> %.4f (after the last step %.4f)%n", cls, k, first, last,
            finalLoss);
        assertTrue(last < 0.5 * first, "class " + cls + " net " + k + ": " + first + " -> " + last);
        assertTrue(finalLoss < 0.5 * first);
      }
      assertEquals(loss[0], dm.loss(means, init, 0), 1e-9 * loss[0] + 1e-12);
    }
  }

  @Test
  void sameInputsSameBits() {
    List<RandomConvNet> pool = List.of(net(16, 3), net(16, 4));
    byte[][] real = classImages(1, 6, 16, 7);
    float[][] means = realMeans(pool, real);
    float[][] init = {pool.get(0).normalise(real[2]), pool.get(0).normalise(real[3])};
    DistilledClass a = new DistributionMatching(pool, 5, 1.0, 0.5).run(means, init);
    DistilledClass b = new DistributionMatching(List.of(net(16, 3), net(16, 4)), 5, 1.0, 0.5).run(means, init);
    assertArrayEquals(a.losses(), b.losses());
    for (int j = 0; j < 2; j++) {
      assertArrayEquals(a.images()[j], b.images()[j]);
    }
  }

  /** Two iterations on one 8 x 8 grey image, by hand: {@code v1 = g0, x1 = x0 - lr v1, v2 = m v1 + g1, x2 = ...}. */
  @Test
  void stepsAreSgdWithMomentum() {
    RandomConvNet net = new RandomConvNet(1, 8, 8, new float[] {0.5f}, new float[] {0.25f}, 9);
    ConvNetGradient grad = new ConvNetGradient(net);
    byte[][] real = new byte[4][64];
    Random rnd = new Random(9);
    for (byte[] r : real) {
      rnd.nextBytes(r);
    }
    float[] mu = realMeans(List.of(net), real)[0];
    float[] x0 = net.normalise(real[0]);
    double lr = 0.7;
    double m = 0.5;
    float[] g0 = grad.inputGradient(grad.forward(x0), embeddingGradient(mu, net.embed(x0)));
    float[] x1 = new float[64];
    for (int p = 0; p < 64; p++) {
      x1[p] = (float) (x0[p] - lr * g0[p]);
    }
    float[] g1 = grad.inputGradient(grad.forward(x1), embeddingGradient(mu, net.embed(x1)));
    float[] x2 = new float[64];
    for (int p = 0; p < 64; p++) {
      x2[p] = (float) (x1[p] - lr * (m * g0[p] + g1[p]));
    }
    DistilledClass one = new DistributionMatching(List.of(net), 1, lr, m).run(new float[][] {mu}, new float[][] {x0});
    DistilledClass two = new DistributionMatching(List.of(net), 2, lr, m).run(new float[][] {mu}, new float[][] {x0});
    assertArrayEquals(x1, one.images()[0], 1e-6f);
    assertArrayEquals(x2, two.images()[0], 1e-6f);
    double l0 = 0;
    float[] e0 = net.embed(x0);
    for (int d = 0; d < mu.length; d++) {
      l0 += ((double) mu[d] - e0[d]) * ((double) mu[d] - e0[d]);
    }
    assertEquals(l0, two.losses()[0], 1e-9 * l0);
    // momentum matters: without it the second image differs
    DistilledClass plain = new DistributionMatching(List.of(net), 2, lr, 0).run(new float[][] {mu}, new float[][] {x0});
    assertTrue(maxAbsDiff(plain.images()[0], two.images()[0]) > 1e-4);
  }

  /**
   * With ipc 2, one step with a small lr moves each synthetic pixel by {@code -lr dL/dx}, where {@code L} is the
   * class loss with the mean over both images: checked against central differences of that loss under the
   * double-precision reference net (so the {@code -2 (mu_real - mu_syn) / ipc} factor is checked too).
   */
  @Test
  void stepIsMinusLrTimesTheLossGradient() {
    RandomConvNet net = net(8, 5);
    NaiveConvNet ref = new NaiveConvNet(3, 8, 8, 5);
    byte[][] real = classImages(0, 6, 8, 5);
    float[] mu = realMeans(List.of(net), real)[0];
    float[][] init = {net.normalise(real[4]), net.normalise(real[5])};
    double lr = 1e-3;
    float[][] after = new DistributionMatching(List.of(net), 1, lr, 0.5).run(new float[][] {mu}, init).images();
    Random rnd = new Random(5);
    for (int t = 0; t < 40; t++) {
      int j = t % 2;
      int p = rnd.nextInt(init[j].length);
      double step = 1e-4;
      double[][] xp = toDouble(init);
      double[][] xm = toDouble(init);
      xp[j][p] += step;
      xm[j][p] -= step;
      double fd = (loss(ref, mu, xp) - loss(ref, mu, xm)) / (2 * step);
      double moved = (init[j][p] - (double) after[j][p]) / lr;
      assertEquals(fd, moved, 2e-2 * Math.abs(fd) + 2e-3, "image " + j + " pixel " + p);
    }
  }

  @Test
  void rejectsInvalidParameters() {
    RandomConvNet net = net(8, 1);
    List<RandomConvNet> pool = List.of(net);
    assertMessage("nets must be at least one net", () -> new DistributionMatching(List.of(), 1, 1, 0.5));
    assertMessage("nets must be all for the same image shape",
        () -> new DistributionMatching(List.of(net, net(16, 1)), 1, 1, 0.5));
    assertMessage("iterations must be", () -> new DistributionMatching(pool, 0, 1, 0.5));
    assertMessage("lr must be", () -> new DistributionMatching(pool, 1, 0, 0.5));
    assertMessage("lr must be", () -> new DistributionMatching(pool, 1, Double.NaN, 0.5));
    assertMessage("momentum must be", () -> new DistributionMatching(pool, 1, 1, 1.0));
    assertMessage("momentum must be", () -> new DistributionMatching(pool, 1, 1, -0.1));
    DistributionMatching dm = new DistributionMatching(pool, 1, 1, 0.5);
    float[] mu = new float[net.embeddingDim()];
    float[] img = new float[8 * 8 * 3];
    assertMessage("real means must be one per net", () -> dm.run(new float[][] {mu, mu}, new float[][] {img}));
    assertMessage("real mean length", () -> dm.run(new float[][] {new float[3]}, new float[][] {img}));
    assertMessage("initial images must be at least one", () -> dm.run(new float[][] {mu}, new float[0][]));
    assertMessage("initial image length", () -> dm.run(new float[][] {mu}, new float[][] {new float[5]}));
    float[] bad = img.clone();
    bad[3] = Float.NaN;
    assertMessage("initial images must be finite", () -> dm.run(new float[][] {mu}, new float[][] {bad}));
  }

  private static void assertMessage(String part, org.junit.jupiter.api.function.Executable call) {
    InvalidParameterException e = assertThrows(InvalidParameterException.class, call);
    assertTrue(e.getMessage().startsWith("distribution matching: ") && e.getMessage().contains(part),
        e.getMessage());
  }

  private static float[] embeddingGradient(float[] mu, float[] e) {
    float[] d = new float[mu.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (-2 * ((double) mu[i] - e[i]));
    }
    return d;
  }

  private static double loss(NaiveConvNet ref, float[] mu, double[][] images) {
    double[] mean = new double[mu.length];
    for (double[] x : images) {
      double[] e = ref.embed(x);
      for (int d = 0; d < mu.length; d++) {
        mean[d] += e[d] / images.length;
      }
    }
    double l = 0;
    for (int d = 0; d < mu.length; d++) {
      l += (mu[d] - mean[d]) * (mu[d] - mean[d]);
    }
    return l;
  }

  /** Mean embedding of the 8-bit images under each net, in double then rounded to float. */
  static float[][] realMeans(List<RandomConvNet> pool, byte[][] images) {
    float[][] out = new float[pool.size()][];
    for (int k = 0; k < pool.size(); k++) {
      double[] sum = new double[pool.get(k).embeddingDim()];
      for (byte[] img : images) {
        float[] e = pool.get(k).embed(img);
        for (int d = 0; d < sum.length; d++) {
          sum[d] += e[d];
        }
      }
      out[k] = new float[sum.length];
      for (int d = 0; d < sum.length; d++) {
        out[k][d] = (float) (sum[d] / images.length);
      }
    }
    return out;
  }

  /** Class 0: a bright horizontal red ramp; class 1: dark blue vertical stripes; both with noise. */
  static byte[][] classImages(int cls, int n, int side, long seed) {
    Random rnd = new Random(seed);
    byte[][] out = new byte[n][side * side * 3];
    for (byte[] img : out) {
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          int o = (y * side + x) * 3;
          int noise = rnd.nextInt(61) - 30;
          int[] rgb = cls == 0 ? new int[] {120 + 8 * x, 90, 60} : new int[] {30, 40, (x / 2) % 2 == 0 ? 200 : 60};
          for (int c = 0; c < 3; c++) {
            img[o + c] = (byte) Math.max(0, Math.min(255, rgb[c] + noise));
          }
        }
      }
    }
    return out;
  }

  private static RandomConvNet net(int side, long seed) {
    return new RandomConvNet(3, side, side, MEAN, STD, seed);
  }

  private static float[][] copy(float[][] a) {
    float[][] c = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = a[i].clone();
    }
    return c;
  }

  private static double[][] toDouble(float[][] a) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = new double[a[i].length];
      for (int p = 0; p < a[i].length; p++) {
        c[i][p] = a[i][p];
      }
    }
    return c;
  }

  private static double maxAbsDiff(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }
}
