package org.evshard.transforms.select;

import org.evshard.transforms.InvalidParameterException;

/**
 * The gradient of a {@link RandomConvNet} embedding with respect to its input image, in the normalised float space of
 * {@link RandomConvNet#normalise} (what Distribution Matching optimises). {@link #forward} runs the same arithmetic as
 * {@link RandomConvNet#embed(float[])} and keeps a {@link ConvNetTrace}; {@link #inputGradient} maps
 * {@code dL/d(embedding)} back to {@code dL/d(input)}, block by block in reverse:
 *
 * <ul>
 *   <li>AvgPool 2 x 2: each of the 4 inputs of an output gets 0.25 of its gradient (a trailing odd row or column,
 *       which the pooling drops, gets 0);
 *   <li>ReLU: the gradient passes where the normalised value {@code xhat > 0}, else 0;
 *   <li>GroupNorm with one group per channel (scale 1, shift 0): {@code dx = inv (dy - mean(dy) - xhat mean(dy xhat))}
 *       with the means over the channel's pixels (the biased variance with {@code eps} inside, as the forward);
 *   <li>Conv 3 x 3 with zero padding: the transposed convolution with the same weights (bias has no input gradient).
 * </ul>
 *
 * No gradient to the weights: the net is fixed. Inputs are never modified; the results are new arrays. Stateless
 * apart from the read-only net, so thread-safe.
 */
public final class ConvNetGradient {

  private static final int W = RandomConvNet.WIDTH;

  private final RandomConvNet net;

  public ConvNetGradient(RandomConvNet net) {
    this.net = net;
  }

  public RandomConvNet net() {
    return net;
  }

  /** The forward pass of {@code x} (normalised HWC floats, not modified), keeping what the backward pass needs. */
  public ConvNetTrace forward(float[] x) {
    int length = net.height() * net.width() * net.channels();
    if (x.length != length) {
      throw InvalidParameterException.of("convnet gradient", "image length", "height * width * channels = "
          + length, x.length);
    }
    ConvNetTrace.Block[] blocks = new ConvNetTrace.Block[RandomConvNet.DEPTH];
    float[] a = x;
    int in = net.channels();
    int h = net.height();
    int w = net.width();
    for (int b = 0; b < RandomConvNet.DEPTH; b++) {
      int pad = net.pad(b);
      int ho = h + 2 * pad - 2;
      int wo = w + 2 * pad - 2;
      float[] y = RandomConvNet.conv(a, h, w, in, pad, net.weights(b), net.bias(b), ho, wo);
      float[] mu = new float[W];
      float[] inv = new float[W];
      RandomConvNet.normStats(y, ho * wo, mu, inv);
      float[] xhat = new float[y.length];
      for (int p = 0; p < ho * wo; p++) {
        int o = p * W;
        for (int c = 0; c < W; c++) {
          float v = (y[o + c] - mu[c]) * inv[c];
          xhat[o + c] = v;
          y[o + c] = v > 0 ? v : 0;
        }
      }
      blocks[b] = new ConvNetTrace.Block(h, w, in, ho, wo, xhat, inv);
      a = RandomConvNet.avgPool(y, ho, wo);
      h = ho / 2;
      w = wo / 2;
      in = W;
    }
    return new ConvNetTrace(net, blocks, RandomConvNet.toChw(a, h * w));
  }

  /**
   * {@code dL/d(input)} (normalised HWC floats, a new array) of the traced image, given {@code dL/d(embedding)}
   * ({@code C, H, W} like the embedding; not modified).
   */
  public float[] inputGradient(ConvNetTrace trace, float[] dEmbedding) {
    if (trace.net() != net) {
      throw new InvalidParameterException("convnet gradient: the trace comes from a different net");
    }
    if (dEmbedding.length != net.embeddingDim()) {
      throw InvalidParameterException.of("convnet gradient", "embedding gradient length", "the embedding dimension "
          + net.embeddingDim(), dEmbedding.length);
    }
    ConvNetTrace.Block last = trace.block(RandomConvNet.DEPTH - 1);
    int pixels = (last.ho() / 2) * (last.wo() / 2);
    float[] g = new float[dEmbedding.length]; // CHW -> HWC
    for (int p = 0; p < pixels; p++) {
      for (int c = 0; c < W; c++) {
        g[p * W + c] = dEmbedding[c * pixels + p];
      }
    }
    for (int b = RandomConvNet.DEPTH - 1; b >= 0; b--) {
      ConvNetTrace.Block k = trace.block(b);
      float[] dy = poolBackward(g, k.ho(), k.wo());
      reluNormBackward(dy, k.xhat(), k.inv(), k.ho() * k.wo());
      g = convBackward(dy, k.h(), k.w(), k.in(), net.pad(b), net.weights(b), k.ho(), k.wo());
    }
    return g;
  }

  private static float[] poolBackward(float[] g, int ho, int wo) {
    int h2 = ho / 2;
    int w2 = wo / 2;
    float[] dy = new float[ho * wo * W];
    for (int oy = 0; oy < h2; oy++) {
      for (int ox = 0; ox < w2; ox++) {
        int o = (oy * w2 + ox) * W;
        int a = ((2 * oy) * wo + 2 * ox) * W;
        int b = a + W;
        int c = ((2 * oy + 1) * wo + 2 * ox) * W;
        int d = c + W;
        for (int ch = 0; ch < W; ch++) {
          float v = 0.25f * g[o + ch];
          dy[a + ch] = v;
          dy[b + ch] = v;
          dy[c + ch] = v;
          dy[d + ch] = v;
        }
      }
    }
    return dy;
  }

  /** ReLU mask, then the per-channel GroupNorm backward, in place on {@code dy} (the pass's own buffer). */
  private static void reluNormBackward(float[] dy, float[] xhat, float[] inv, int pixels) {
    double[] sumDy = new double[W];
    double[] sumDyX = new double[W];
    for (int p = 0; p < pixels; p++) {
      int o = p * W;
      for (int c = 0; c < W; c++) {
        float x = xhat[o + c];
        float d = x > 0 ? dy[o + c] : 0f;
        dy[o + c] = d;
        sumDy[c] += d;
        sumDyX[c] += d * x;
      }
    }
    float[] mDy = new float[W];
    float[] mDyX = new float[W];
    for (int c = 0; c < W; c++) {
      mDy[c] = (float) (sumDy[c] / pixels);
      mDyX[c] = (float) (sumDyX[c] / pixels);
    }
    for (int p = 0; p < pixels; p++) {
      int o = p * W;
      for (int c = 0; c < W; c++) {
        dy[o + c] = inv[c] * (dy[o + c] - mDy[c] - xhat[o + c] * mDyX[c]);
      }
    }
  }

  /** {@code dx[iy][ix][i] = sum over ky, kx, o of dz[iy - ky + pad][ix - kx + pad][o] * wt[ky][kx][i][o]}. */
  private static float[] convBackward(float[] dz, int h, int w, int in, int pad, float[] wt, int ho, int wo) {
    float[] dx = new float[h * w * in];
    for (int oy = 0; oy < ho; oy++) {
      for (int ox = 0; ox < wo; ox++) {
        int zo = (oy * wo + ox) * W;
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
            int wb = (ky * 3 + kx) * in * W;
            for (int i = 0; i < in; i++) {
              dx[xo + i] += VectorMath.dot(dz, zo, wt, wb + i * W, W);
            }
          }
        }
      }
    }
    return dx;
  }
}
