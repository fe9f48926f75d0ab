package org.evshard.transforms.select;

import java.util.SplittableRandom;
import org.evshard.transforms.InvalidParameterException;

/**
 * A randomly initialised ConvNet as Dataset Condensation and Distribution Matching use it to embed images
 * ({@code VICO-UoE/DatasetCondensation}, {@code networks.py} class {@code ConvNet} with the defaults of
 * {@code utils.py get_default_convnet_setting}: width 128, depth 3, {@code relu}, {@code instancenorm},
 * {@code avgpooling}; {@code embed(x)} is the flattened output of {@code features}). Each of the 3 blocks is
 *
 * <pre>  Conv2d(in, 128, kernel 3, padding 1; padding 3 in block 0 when the image has 1 channel)
 *  -> GroupNorm(128 groups, 128 channels, eps 1e-5, affine) -> ReLU -> AvgPool2d(2, stride 2)</pre>
 *
 * so a 32 x 32 image embeds to 128 x 4 x 4 = 2048 floats, flattened channel-major ({@code C, H, W}) like PyTorch's
 * {@code view}. Input: 8-bit HWC pixels scaled to [0, 1] and normalised per channel by {@code (v - mean) / std}
 * (defaults: the CIFAR-10 constants of {@code utils.py get_dataset}).
 *
 * <p>Initialisation follows PyTorch's defaults for these layers: conv weights and biases uniform in
 * {@code [-1/sqrt(fan_in), 1/sqrt(fan_in)]} with {@code fan_in = in * 9} (what {@code kaiming_uniform_(a = sqrt(5))}
 * and the bias rule give), GroupNorm scale 1 and shift 0. <b>Deviation:</b> the numbers come from this package's
 * {@link SplittableRandom}{@code (seed)} (per block: all weights in PyTorch's {@code [out][in][ky][kx]} order, then the
 * biases), not from PyTorch's generator, so the network is a different draw from the same distribution and the
 * embeddings do not match a PyTorch model with the same seed.
 *
 * <p>Plain loops on the CPU, output channels innermost (contiguous, auto-vectorisable); zero activations after ReLU are
 * skipped. Thread-safe: the weights are read-only after construction.
 */
public final class RandomConvNet {

  /** Net width (channels of every block). */
  public static final int WIDTH = 128;
  /** Number of blocks. */
  public static final int DEPTH = 3;
  /** The CIFAR-10 normalisation of Dataset Condensation's {@code get_dataset}. */
  public static final float[] CIFAR10_MEAN = {0.4914f, 0.4822f, 0.4465f};
  public static final float[] CIFAR10_STD = {0.2023f, 0.1994f, 0.2010f};

  private static final float EPS = 1e-5f;

  private final long seed;
  private final int channels;
  private final int height;
  private final int width;
  private final float[] mean;
  private final float[] std;
  /** Per block: weights as {@code [ky][kx][in][out]}. */
  private final float[][] weights;
  private final float[][] biases;
  private final int[] pads;
  private final int outH;
  private final int outW;

  public RandomConvNet(int channels, int height, int width, float[] mean, float[] std, long seed) {
    if (channels < 1 || height < 1 || width < 1) {
      throw InvalidParameterException.of("convnet", "channels, height, width", "all >= 1",
          channels + ", " + height + ", " + width);
    }
    if (mean.length != channels || std.length != channels) {
      throw InvalidParameterException.of("convnet", "mean/std length", "the channel count " + channels,
          mean.length + "/" + std.length);
    }
    for (float v : std) {
      if (!(v > 0)) {
        throw InvalidParameterException.of("convnet", "std", "all > 0", v);
      }
    }
    this.seed = seed;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.mean = mean.clone();
    this.std = std.clone();
    this.weights = new float[DEPTH][];
    this.biases = new float[DEPTH][];
    this.pads = new int[DEPTH];
    SplittableRandom rng = new SplittableRandom(seed);
    int in = channels;
    int h = height;
    int w = width;
    for (int b = 0; b < DEPTH; b++) {
      pads[b] = channels == 1 && b == 0 ? 3 : 1;
      int fanIn = in * 9;
      double bound = 1.0 / Math.sqrt(fanIn);
      float[] wt = new float[9 * in * WIDTH];
      for (int o = 0; o < WIDTH; o++) {
        for (int i = 0; i < in; i++) {
          for (int k = 0; k < 9; k++) {
            wt[(k * in + i) * WIDTH + o] = (float) ((2 * rng.nextDouble() - 1) * bound);
          }
        }
      }
      float[] bias = new float[WIDTH];
      for (int o = 0; o < WIDTH; o++) {
        bias[o] = (float) ((2 * rng.nextDouble() - 1) * bound);
      }
      weights[b] = wt;
      biases[b] = bias;
      h = (h + 2 * pads[b] - 2) / 2;
      w = (w + 2 * pads[b] - 2) / 2;
      if (h < 1 || w < 1) {
        throw InvalidParameterException.of("convnet", "image size", "large enough for " + DEPTH + " poolings",
            height + "x" + width);
      }
      in = WIDTH;
    }
    this.outH = h;
    this.outW = w;
  }

  /** The Dataset Condensation setting for CIFAR-like 32 x 32 RGB images with CIFAR-10 normalisation. */
  public static RandomConvNet cifar(long seed) {
    return new RandomConvNet(3, 32, 32, CIFAR10_MEAN, CIFAR10_STD, seed);
  }

  /** Length of one embedding: {@code 128 * H_out * W_out}. */
  public int embeddingDim() {
    return WIDTH * outH * outW;
  }

  /** Embeds one {@code height x width x channels} 8-bit image: {@link #embed(float[])} of {@link #normalise}. */
  public float[] embed(byte[] hwc) {
    return embedNormalised(normalise(hwc));
  }

  /**
   * Embeds one image given in the normalised float space ({@code (v / 255 - mean_c) / std_c}, HWC), the space in which
   * {@link ConvNetGradient} differentiates. {@code x} is not modified.
   */
  public float[] embed(float[] x) {
    checkLength(x.length);
    return embedNormalised(x);
  }

  /** The normalised float image {@code (v / 255 - mean_c) / std_c} of 8-bit HWC pixels (a new array). */
  public float[] normalise(byte[] hwc) {
    checkLength(hwc.length);
    float[] x = new float[hwc.length];
    for (int p = 0; p < height * width; p++) {
      for (int c = 0; c < channels; c++) {
        x[p * channels + c] = ((hwc[p * channels + c] & 0xff) / 255f - mean[c]) / std[c];
      }
    }
    return x;
  }

  /**
   * The 8-bit pixels of a normalised float image: {@code round(clamp(x_c * std_c + mean_c, 0, 1) * 255)} (a new
   * array); the inverse of {@link #normalise} up to rounding.
   */
  public byte[] toPixels(float[] x) {
    checkLength(x.length);
    byte[] out = new byte[x.length];
    for (int p = 0; p < height * width; p++) {
      for (int c = 0; c < channels; c++) {
        float v = x[p * channels + c] * std[c] + mean[c];
        out[p * channels + c] = (byte) Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
      }
    }
    return out;
  }

  /** The seed the weights were drawn from. */
  public long seed() {
    return seed;
  }

  public int channels() {
    return channels;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  private void checkLength(int length) {
    if (length != height * width * channels) {
      throw InvalidParameterException.of("convnet", "image length", "height * width * channels = "
          + height * width * channels, length);
    }
  }

  private float[] embedNormalised(float[] input) {
    float[] x = input;
    int in = channels;
    int h = height;
    int w = width;
    for (int b = 0; b < DEPTH; b++) {
      int ho = h + 2 * pads[b] - 2;
      int wo = w + 2 * pads[b] - 2;
      float[] y = conv(x, h, w, in, pads[b], weights[b], biases[b], ho, wo);
      float[] mu = new float[WIDTH];
      float[] inv = new float[WIDTH];
      normStats(y, ho * wo, mu, inv);
      for (int p = 0; p < ho * wo; p++) {
        int o = p * WIDTH;
        for (int c = 0; c < WIDTH; c++) {
          float v = (y[o + c] - mu[c]) * inv[c];
          y[o + c] = v > 0 ? v : 0;
        }
      }
      x = avgPool(y, ho, wo);
      h = ho / 2;
      w = wo / 2;
      in = WIDTH;
    }
    return toChw(x, h * w);
  }

  /** HWC activations of {@code pixels} positions to the flattened {@code C, H, W} embedding. */
  static float[] toChw(float[] x, int pixels) {
    float[] out = new float[WIDTH * pixels];
    for (int p = 0; p < pixels; p++) {
      for (int c = 0; c < WIDTH; c++) {
        out[c * pixels + p] = x[p * WIDTH + c];
      }
    }
    return out;
  }

  /** Block {@code b}'s padding. */
  int pad(int b) {
    return pads[b];
  }

  /** Block {@code b}'s weights, {@code [ky][kx][in][out]} (the net's own array: read only). */
  float[] weights(int b) {
    return weights[b];
  }

  /** Block {@code b}'s biases (the net's own array: read only). */
  float[] bias(int b) {
    return biases[b];
  }

  /** Embeds every image into one row of a new matrix. */
  public FeatureMatrix embedAll(byte[][] images) {
    int dim = embeddingDim();
    float[] out = new float[images.length * dim];
    for (int i = 0; i < images.length; i++) {
      System.arraycopy(embed(images[i]), 0, out, i * dim, dim);
    }
    return new FeatureMatrix(images.length, dim, out);
  }

  static float[] conv(float[] x, int h, int w, int in, int pad, float[] wt, float[] bias, int ho, int wo) {
    float[] y = new float[ho * wo * WIDTH];
    float[] acc = new float[WIDTH];
    for (int oy = 0; oy < ho; oy++) {
      for (int ox = 0; ox < wo; ox++) {
        System.arraycopy(bias, 0, acc, 0, WIDTH);
        for (int ky = 0; ky < 3; ky++) {
          int iy = oy + ky - pad;
          if (iy < 0 || iy >= h) {
            continue;
          }
          for (int kx = 0; kx < 3; kx++) {
            int ix = ox + kx - pad;
            if (ix < 0 || ix >= w) {
              continue;
            }
            int xo = (iy * w + ix) * in;
            int wb = (ky * 3 + kx) * in * WIDTH;
            for (int i = 0; i < in; i++) {
              float v = x[xo + i];
              if (v == 0) {
                continue;
              }
              int wo2 = wb + i * WIDTH;
              for (int o = 0; o < WIDTH; o++) {
                acc[o] += v * wt[wo2 + o];
              }
            }
          }
        }
        System.arraycopy(acc, 0, y, (oy * wo + ox) * WIDTH, WIDTH);
      }
    }
    return y;
  }

  /**
   * Per-channel mean and {@code 1 / sqrt(var + eps)} of GroupNorm with one group per channel over {@code pixels} HWC
   * positions (sums in double, variance {@code E[y^2] - E[y]^2} clamped at 0), into {@code mu} and {@code inv}.
   */
  static void normStats(float[] y, int pixels, float[] mu, float[] inv) {
    double[] sum = new double[WIDTH];
    double[] sq = new double[WIDTH];
    for (int p = 0; p < pixels; p++) {
      int o = p * WIDTH;
      for (int c = 0; c < WIDTH; c++) {
        double v = y[o + c];
        sum[c] += v;
        sq[c] += v * v;
      }
    }
    for (int c = 0; c < WIDTH; c++) {
      double m = sum[c] / pixels;
      double var = Math.max(0, sq[c] / pixels - m * m);
      mu[c] = (float) m;
      inv[c] = (float) (1.0 / Math.sqrt(var + EPS));
    }
  }

  static float[] avgPool(float[] y, int h, int w) {
    int h2 = h / 2;
    int w2 = w / 2;
    float[] out = new float[h2 * w2 * WIDTH];
    for (int oy = 0; oy < h2; oy++) {
      for (int ox = 0; ox < w2; ox++) {
        int o = (oy * w2 + ox) * WIDTH;
        int a = ((2 * oy) * w + 2 * ox) * WIDTH;
        int b = a + WIDTH;
        int c = ((2 * oy + 1) * w + 2 * ox) * WIDTH;
        int d = c + WIDTH;
        for (int ch = 0; ch < WIDTH; ch++) {
          out[o + ch] = 0.25f * (y[a + ch] + y[b + ch] + y[c + ch] + y[d + ch]);
        }
      }
    }
    return out;
  }
}
