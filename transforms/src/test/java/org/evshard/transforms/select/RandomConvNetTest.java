package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The random ConvNet against {@link NaiveConvNet}, a naive channel-major double-precision forward pass of Dataset
 * Condensation's {@code ConvNet} with the weights drawn in the documented order: per block the weights in
 * {@code [out][in][ky][kx]} order, then the biases, all uniform in +-1/sqrt(in * 9).
 */
class RandomConvNetTest {

  @ParameterizedTest
  @CsvSource({"3, 16, 16, 1", "1, 12, 12, 2", "3, 10, 14, 3"})
  void equalsNaiveForward(int c, int h, int w, long seed) {
    float[] mean = new float[c];
    float[] std = new float[c];
    for (int i = 0; i < c; i++) {
      mean[i] = 0.4f + 0.03f * i;
      std[i] = 0.2f + 0.01f * i;
    }
    RandomConvNet net = new RandomConvNet(c, h, w, mean, std, seed);
    byte[] img = new byte[h * w * c];
    new Random(seed).nextBytes(img);
    byte[] before = img.clone();
    float[] ours = net.embed(img);
    assertArrayEquals(before, img);
    double[] ref = naive(img, c, h, w, mean, std, seed);
    assertEquals(ref.length, ours.length);
    assertEquals(net.embeddingDim(), ours.length);
    for (int i = 0; i < ref.length; i++) {
      assertEquals(ref[i], ours[i], 2e-3, "feature " + i);
    }
  }

  @Test
  void cifarEmbeddingIs2048AndSeeded() {
    byte[] img = new byte[32 * 32 * 3];
    new Random(5).nextBytes(img);
    float[] a = RandomConvNet.cifar(1).embed(img);
    assertEquals(2048, a.length);
    assertArrayEquals(a, RandomConvNet.cifar(1).embed(img));
    assertFalse(Arrays.equals(a, RandomConvNet.cifar(2).embed(img)));
    // a rough speed print (the bench measures it properly)
    RandomConvNet net = RandomConvNet.cifar(1);
    byte[][] batch = new byte[10][img.length];
    for (byte[] b : batch) {
      new Random(b.hashCode()).nextBytes(b);
    }
    net.embedAll(batch);
    long t0 = System.nanoTime();
    FeatureMatrix m = net.embedAll(batch);
    double ms = (System.nanoTime() - t0) / 1e6 / batch.length;
    assertEquals(10, m.rows());
    System.out.printf("RandomConvNet 32x32x3 -> 2048: %.2f ms/image (one thread)%n", ms);
  }

  private static double[] naive(byte[] img, int c, int h, int w, float[] mean, float[] std, long seed) {
    double[] x = new double[h * w * c];
    for (int i = 0; i < x.length; i++) {
      x[i] = ((img[i] & 0xff) / 255f - mean[i % c]) / std[i % c];
    }
    return NaiveConvNet.embed(x, c, h, w, seed);
  }
}
