package org.evshard.transforms.select;

import java.util.SplittableRandom;

/**
 * An independent naive channel-major (NCHW, as PyTorch lays it out) double-precision forward pass of Dataset
 * Condensation's {@code ConvNet} ({@code networks.py}: per block Conv2d(k=3, padding 1, or 3 for 1-channel input in
 * block 0), GroupNorm(C, C) = instance norm with eps 1e-5, ReLU, AvgPool2d(2, 2); {@code embed} flattens C, H, W), with
 * the weights drawn in {@link RandomConvNet}'s documented order. Input: the normalised image, HWC.
 */
final class NaiveConvNet {

  private final int c;
  private final int h;
  private final int w;
  private final double[][][][][] weights = new double[3][][][][];
  private final double[][] biases = new double[3][];

  /** The weights of {@link RandomConvNet} for {@code h x w x c} images and {@code seed}. */
  NaiveConvNet(int c, int h, int w, long seed) {
    this.c = c;
    this.h = h;
    this.w = w;
    SplittableRandom rng = new SplittableRandom(seed);
    int in = c;
    for (int block = 0; block < 3; block++) {
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
      weights[block] = wt;
      biases[block] = bias;
      in = 128;
    }
  }

  static double[] embed(double[] hwc, int c, int h, int w, long seed) {
    return new NaiveConvNet(c, h, w, seed).embed(hwc);
  }

  double[] embed(double[] hwc) {
    double[][][] x = new double[c][h][w];
    for (int y = 0; y < h; y++) {
      for (int xx = 0; xx < w; xx++) {
        for (int ch = 0; ch < c; ch++) {
          x[ch][y][xx] = hwc[(y * w + xx) * c + ch];
        }
      }
    }
    int in = c;
    for (int block = 0; block < 3; block++) {
      int pad = c == 1 && block == 0 ? 3 : 1;
      double[][][][] wt = weights[block];
      double[] bias = biases[block];
      int hh = x[0].length;
      int ww = x[0][0].length;
      int ho = hh + 2 * pad - 2;
      int wo = ww + 2 * pad - 2;
      double[][][] y = new double[128][ho][wo];
      for (int o = 0; o < 128; o++) {
        for (int oy = 0; oy < ho; oy++) {
          for (int ox = 0; ox < wo; ox++) {
            double s = bias[o];
            for (int ky = 0; ky < 3; ky++) {
              int iy = oy + ky - pad;
              if (iy < 0 || iy >= hh) {
                continue;
              }
              for (int kx = 0; kx < 3; kx++) {
                int ix = ox + kx - pad;
                if (ix < 0 || ix >= ww) {
                  continue;
                }
                for (int i = 0; i < in; i++) {
                  s += wt[o][i][ky][kx] * x[i][iy][ix];
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
