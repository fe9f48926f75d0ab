package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The random ConvNet against a naive channel-major (NCHW, as PyTorch lays it out) double-precision forward pass of
 * Dataset Condensation's {@code ConvNet} ({@code networks.py}: per block Conv2d(k=3, padding 1, or 3 for 1-channel
 * input in block 0), GroupNorm(C, C) = instance norm with eps 1e-5, ReLU, AvgPool2d(2, 2); {@code embed} flattens
 * C, H, W), with weights drawn in the documented order: per block the weights in {@code [out][in][ky][kx]} order, then
 * the biases, all uniform in +-1/sqrt(in * 9).
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
    double[][][] x = new double[c][h][w];
    for (int y = 0; y < h; y++) {
      for (int xx = 0; xx < w; xx++) {
        for (int ch = 0; ch < c; ch++) {
          x[ch][y][xx] = ((img[(y * w + xx) * c + ch] & 0xff) / 255f - mean[ch]) / std[ch];
        }
      }
    }
    SplittableRandom rng = new SplittableRandom(seed);
    int in = c;
    for (int block = 0; block < 3; block++) {
      int pad = c == 1 && block == 0 ? 3 : 1;
      double bound = 1 / Math.sqrt(in * 9.0);
      double[][][][] wt = new double[128][in][3][3];
      for (int o = 0; o < 128; o++) {
        for (int i = 0; i < in; i++) {
          for (int ky = 0; ky < 3; ky++) {
            for (int kx = 0; kx < 3; kx++) {
              wt[o][i][ky][kx] = (float) ((2 * rng.nextDouble() - 1) * bound);
            }
          }
        }
      }
      double[] bias = new double[128];
      for (int o = 0; o < 128; o++) {
        bias[o] = (float) ((2 * rng.nextDouble() - 1) * bound);
      }
      int hh = x[0].length;
      int ww = x[0][0].length;
      int ho = hh + 2 * pad - 2;
      int wo = ww + 2 * pad - 2;
      double[][][] y = new double[128][ho][wo];
      for (int o = 0; o < 128; o++) {
        for (int oy = 0; oy < ho; oy++) {
          for (int ox = 0; ox < wo; ox++) {
            double s = bias[o];
            for (int i = 0; i < in; i++) {
              for (int ky = 0; ky < 3; ky++) {
                for (int kx = 0; kx < 3; kx++) {
                  int iy = oy + ky - pad;
                  int ix = ox + kx - pad;
                  if (iy >= 0 && iy < hh && ix >= 0 && ix < ww) {
                    s += wt[o][i][ky][kx] * x[i][iy][ix];
                  }
                }
              }
            }
            y[o][oy][ox] = s;
          }
        }
        double m = 0;
        for (double[] row : y[o]) {
          for (double v : row) {
            m += v / (ho * wo);
          }
        }
        double var = 0;
        for (double[] row : y[o]) {
          for (double v : row) {
            var += (v - m) * (v - m) / (ho * wo);
          }
        }
        for (double[] row : y[o]) {
          for (int q = 0; q < wo; q++) {
            row[q] = Math.max(0, (row[q] - m) / Math.sqrt(var + 1e-5));
          }
        }
      }
      double[][][] p = new double[128][ho / 2][wo / 2];
      for (int o = 0; o < 128; o++) {
        for (int py = 0; py < ho / 2; py++) {
          for (int px = 0; px < wo / 2; px++) {
            p[o][py][px] = (y[o][2 * py][2 * px] + y[o][2 * py][2 * px + 1] + y[o][2 * py + 1][2 * px]
                + y[o][2 * py + 1][2 * px + 1]) / 4;
          }
        }
      }
      x = p;
      in = 128;
    }
    int hf = x[0].length;
    int wf = x[0][0].length;
    double[] out = new double[128 * hf * wf];
    for (int o = 0; o < 128; o++) {
      for (int py = 0; py < hf; py++) {
        for (int px = 0; px < wf; px++) {
          out[(o * hf + py) * wf + px] = x[o][py][px];
        }
      }
    }
    return out;
  }
}
