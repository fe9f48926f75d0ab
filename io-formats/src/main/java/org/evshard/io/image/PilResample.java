package org.evshard.io.image;

/**
 * Pillow's 8-bit separable resampling ({@code libImaging/Resample.c}: {@code precompute_coeffs},
 * {@code normalize_coeffs_8bpc}, horizontal then vertical pass) with its Lanczos filter (a = 3), so that a thumbnail
 * equals {@code Image.resize(size, Image.LANCZOS)} on an "L" image. On reduction the filter support grows with the
 * scale (antialiasing); weights are normalised, turned into 22-bit fixed point, and every pass rounds and clips to
 * 8 bits, exactly as Pillow does.
 */
final class PilResample {

  private static final int PRECISION_BITS = 32 - 8 - 2;
  private static final double LANCZOS_SUPPORT = 3.0;

  private PilResample() {}

  /** Resizes a one-channel 8-bit image ({@code in}: row-major, values 0..255) to {@code outW x outH}. */
  static int[] lanczos(int[] in, int inW, int inH, int outW, int outH) {
    if (inW == outW && inH == outH) {
      return in.clone();
    }
    Coefficients horiz = Coefficients.of(inW, outW);
    Coefficients vert = Coefficients.of(inH, outH);
    int[] cur = in;
    int curH = inH;
    int rowOffset = 0;
    if (inW != outW) {
      int first = vert.bounds[0];
      int last = vert.bounds[(outH - 1) * 2] + vert.bounds[(outH - 1) * 2 + 1];
      if (inH != outH) {
        for (int i = 0; i < outH; i++) {
          vert.bounds[i * 2] -= first;
        }
        rowOffset = first;
        curH = last - first;
      }
      int[] tmp = new int[outW * curH];
      for (int y = 0; y < curH; y++) {
        int src = (y + rowOffset) * inW;
        for (int x = 0; x < outW; x++) {
          int min = horiz.bounds[x * 2];
          int n = horiz.bounds[x * 2 + 1];
          int k = x * horiz.ksize;
          long ss = 1L << (PRECISION_BITS - 1);
          for (int i = 0; i < n; i++) {
            ss += (long) cur[src + min + i] * horiz.kk[k + i];
          }
          tmp[y * outW + x] = clip8(ss);
        }
      }
      cur = tmp;
    }
    if (inH == outH) {
      return cur;
    }
    int[] out = new int[outW * outH];
    for (int y = 0; y < outH; y++) {
      int min = vert.bounds[y * 2];
      int n = vert.bounds[y * 2 + 1];
      int k = y * vert.ksize;
      for (int x = 0; x < outW; x++) {
        long ss = 1L << (PRECISION_BITS - 1);
        for (int i = 0; i < n; i++) {
          ss += (long) cur[(min + i) * outW + x] * vert.kk[k + i];
        }
        out[y * outW + x] = clip8(ss);
      }
    }
    return out;
  }

  /** Pillow computes in 32-bit ints; the sums never leave that range for 8-bit inputs, so a long gives the same. */
  private static int clip8(long ss) {
    if (ss >= (1L << PRECISION_BITS << 8)) {
      return 255;
    }
    if (ss <= 0) {
      return 0;
    }
    return (int) (ss >> PRECISION_BITS);
  }

  static double lanczos(double x) {
    if (-LANCZOS_SUPPORT <= x && x < LANCZOS_SUPPORT) {
      return sinc(x) * sinc(x / 3);
    }
    return 0.0;
  }

  private static double sinc(double x) {
    if (x == 0.0) {
      return 1.0;
    }
    x = x * Math.PI;
    return Math.sin(x) / x;
  }

  /** Per output pixel: first input index, tap count, and fixed-point weights ({@code ksize} slots each). */
  private static final class Coefficients {
    final int ksize;
    final int[] bounds;
    final int[] kk;

    private Coefficients(int ksize, int[] bounds, int[] kk) {
      this.ksize = ksize;
      this.bounds = bounds;
      this.kk = kk;
    }

    static Coefficients of(int inSize, int outSize) {
      double scale = (double) inSize / outSize;
      double filterScale = Math.max(scale, 1.0);
      double support = LANCZOS_SUPPORT * filterScale;
      int ksize = (int) Math.ceil(support) * 2 + 1;
      int[] bounds = new int[outSize * 2];
      int[] kk = new int[outSize * ksize];
      double[] k = new double[ksize];
      for (int xx = 0; xx < outSize; xx++) {
        double center = (xx + 0.5) * scale;
        double ww = 0.0;
        double ss = 1.0 / filterScale;
        int xmin = (int) (center - support + 0.5);
        if (xmin < 0) {
          xmin = 0;
        }
        int xmax = (int) (center + support + 0.5);
        if (xmax > inSize) {
          xmax = inSize;
        }
        xmax -= xmin;
        for (int x = 0; x < xmax; x++) {
          double w = lanczos((x + xmin - center + 0.5) * ss);
          k[x] = w;
          ww += w;
        }
        for (int x = 0; x < xmax; x++) {
          double w = ww != 0.0 ? k[x] / ww : k[x];
          kk[xx * ksize + x] = w < 0 ? (int) (-0.5 + w * (1 << PRECISION_BITS))
              : (int) (0.5 + w * (1 << PRECISION_BITS));
        }
        bounds[xx * 2] = xmin;
        bounds[xx * 2 + 1] = xmax;
      }
      return new Coefficients(ksize, bounds, kk);
    }
  }
}
