package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.evshard.transforms.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The float32 input gradient of the random ConvNet against central finite differences of the independent
 * double-precision forward pass ({@link NaiveConvNet}, same weights), with the loss a random linear functional
 * {@code L(x) = r . embed(x)} (so {@code dL/d(embedding) = r}). Double precision lets the step be small (1e-4) so
 * that few differences straddle a ReLU kink; those that do (the quotients for step h and h/2 disagree) are counted,
 * bounded and left out.
 */
class ConvNetGradientTest {

  private static final double STEP = 1e-4;

  @ParameterizedTest
  @CsvSource({"3, 16, 16, 1", "1, 8, 8, 2", "3, 8, 8, 3", "3, 10, 14, 4"})
  void forwardEqualsEmbed(int c, int h, int w, long seed) {
    RandomConvNet net = net(c, h, w, seed);
    byte[] img = new byte[h * w * c];
    new Random(seed).nextBytes(img);
    float[] x = net.normalise(img);
    float[] before = x.clone();
    float[] traced = new ConvNetGradient(net).forward(x).embedding();
    float[] embedded = net.embed(img);
    assertArrayEquals(before, x);
    assertEquals(embedded.length, traced.length);
    for (int i = 0; i < embedded.length; i++) {
      assertEquals(embedded[i], traced[i], 1e-5, "feature " + i);
    }
  }

  @ParameterizedTest
  @CsvSource({"3, 8, 8, 11", "1, 8, 8, 12", "3, 10, 14, 13"})
  void gradientMatchesCentralDifferences(int c, int h, int w, long seed) {
    RandomConvNet net = net(c, h, w, seed);
    ConvNetGradient grad = new ConvNetGradient(net);
    Random rnd = new Random(seed);
    float[] x = randomImage(net, rnd);
    float[] r = new float[net.embeddingDim()];
    for (int i = 0; i < r.length; i++) {
      r[i] = (float) rnd.nextGaussian();
    }
    float[] xBefore = x.clone();
    float[] rBefore = r.clone();
    float[] g = grad.inputGradient(grad.forward(x), r);
    NaiveConvNet ref = new NaiveConvNet(c, h, w, seed);
    assertArrayEquals(xBefore, x);
    assertArrayEquals(rBefore, r);
    assertEquals(x.length, g.length);

    int checks = Math.min(150, x.length);
    double errSq = 0;
    double refSq = 0;
    int kinks = 0;
    double maxErr = 0;
    int[] coords = rnd.ints(0, x.length).distinct().limit(checks).toArray();
    for (int i : coords) {
      double fd = centralDifference(ref, x, r, i, STEP);
      double fdHalf = centralDifference(ref, x, r, i, STEP / 2);
      if (Math.abs(fd - fdHalf) > 1e-3 * Math.abs(fd) + 1e-6) {
        kinks++; // a ReLU switches inside the step: the difference quotient is not a derivative there
        continue;
      }
      errSq += (g[i] - fd) * (g[i] - fd);
      refSq += fd * fd;
      maxErr = Math.max(maxErr, Math.abs(g[i] - fd) / (Math.abs(fd) + 1e-3));
      assertEquals(fd, g[i], 1e-2 * Math.abs(fd) + 1e-4, "pixel " + i);
    }
    double rel = Math.sqrt(errSq / refSq);
    System.out.printf("gradient %dx%dx%d: %d coordinates, %d at a kink, relative error %.2e, max %.2e%n", h, w,
        c, coords.length, kinks, rel, maxErr);
    assertTrue(kinks <= coords.length / 10, "too many kinks: " + kinks);
    assertTrue(rel < 1e-3, "relative error " + rel);
  }

  /**
   * A loss on embedding entries whose four pooled pre-ReLU values are all negative (dead): the embedding there is 0
   * whatever small change of the input, so the gradient is exactly 0 and so are the finite differences.
   */
  @Test
  void deadReluPathGivesZeroGradient() {
    RandomConvNet net = net(3, 16, 16, 21);
    ConvNetGradient grad = new ConvNetGradient(net);
    Random rnd = new Random(21);
    float[] x = randomImage(net, rnd);
    float[] e = net.embed(x);
    float[] r = new float[e.length];
    int dead = 0;
    for (int i = 0; i < e.length; i++) {
      if (e[i] == 0f) {
        r[i] = (float) rnd.nextGaussian();
        dead++;
      }
    }
    assertTrue(dead > 5, "the seed gives dead channels: " + dead);
    float[] g = grad.inputGradient(grad.forward(x), r);
    NaiveConvNet ref = new NaiveConvNet(3, 16, 16, 21);
    for (float v : g) {
      assertEquals(0f, v);
    }
    for (int i = 0; i < x.length; i += 37) {
      assertEquals(0.0, centralDifference(ref, x, r, i, STEP), 1e-9, "pixel " + i);
    }
    // and a live entry alone gives a non-zero gradient
    float[] live = new float[e.length];
    for (int i = 0; i < e.length; i++) {
      if (e[i] > 0) {
        live[i] = 1f;
        break;
      }
    }
    float[] gl = grad.inputGradient(grad.forward(x), live);
    double norm = 0;
    for (float v : gl) {
      norm += v * v;
    }
    assertTrue(norm > 0);
  }

  @Test
  void rejectsWrongLengthsAndForeignTraces() {
    RandomConvNet net = net(3, 8, 8, 1);
    ConvNetGradient grad = new ConvNetGradient(net);
    assertThrows(InvalidParameterException.class, () -> grad.forward(new float[10]));
    ConvNetTrace t = grad.forward(new float[8 * 8 * 3]);
    assertThrows(InvalidParameterException.class, () -> grad.inputGradient(t, new float[3]));
    ConvNetTrace other = new ConvNetGradient(net(3, 8, 8, 1)).forward(new float[8 * 8 * 3]);
    InvalidParameterException ex = assertThrows(InvalidParameterException.class,
        () -> grad.inputGradient(other, new float[net.embeddingDim()]));
    assertTrue(ex.getMessage().contains("different net"), ex.getMessage());
  }

  @Test
  void toPixelsInvertsNormalise() {
    RandomConvNet net = net(3, 8, 8, 1);
    byte[] img = new byte[8 * 8 * 3];
    new Random(3).nextBytes(img);
    assertArrayEquals(img, net.toPixels(net.normalise(img)));
  }

  /** {@code dL/dx_i} by central differences of the double-precision reference at {@code x}. */
  private static double centralDifference(NaiveConvNet net, float[] x, float[] r, int i, double step) {
    double[] xp = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      xp[k] = x[k];
    }
    double[] xm = xp.clone();
    xp[i] += step;
    xm[i] -= step;
    return (loss(net, xp, r) - loss(net, xm, r)) / (2 * step);
  }

  private static double loss(NaiveConvNet net, double[] x, float[] r) {
    double[] e = net.embed(x);
    double s = 0;
    for (int k = 0; k < e.length; k++) {
      s += e[k] * r[k];
    }
    return s;
  }

  private static float[] randomImage(RandomConvNet net, Random rnd) {
    byte[] img = new byte[net.height() * net.width() * net.channels()];
    rnd.nextBytes(img);
    return net.normalise(img);
  }

  private static RandomConvNet net(int c, int h, int w, long seed) {
    float[] mean = new float[c];
    float[] std = new float[c];
    for (int i = 0; i < c; i++) {
      mean[i] = 0.45f + 0.02f * i;
      std[i] = 0.22f + 0.01f * i;
    }
    return new RandomConvNet(c, h, w, mean, std, seed);
  }
}
