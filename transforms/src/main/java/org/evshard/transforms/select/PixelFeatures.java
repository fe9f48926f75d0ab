package org.evshard.transforms.select;

import org.evshard.transforms.InvalidParameterException;

/**
 * Downsampled pixels as features: the area average of an image onto an {@code s x s} grid. Output pixel
 * {@code (oy, ox)} is the mean of the source over the rectangle {@code [oy H/s, (oy+1) H/s) x [ox W/s, (ox+1) W/s)},
 * partly covered source pixels weighted by the covered fraction: OpenCV's {@code INTER_AREA} when shrinking. Weights
 * are computed in double; the input is never changed.
 */
public final class PixelFeatures {

  private PixelFeatures() {}

  /**
   * An 8-bit {@code height x width x channels} image (HWC, row-major, as decoded) to {@code s * s * channels} floats in
   * HWC order, each byte read unsigned and scaled to [0, 1] ({@code / 255}).
   */
  public static float[] downsample(byte[] hwc, int height, int width, int channels, int s) {
    check(hwc == null ? -1 : hwc.length, height, width, channels, s);
    double[] src = new double[hwc.length];
    for (int i = 0; i < hwc.length; i++) {
      src[i] = (hwc[i] & 0xff) / 255.0;
    }
    return area(src, height, width, channels, s);
  }

  /** A single-channel float frame ({@code height x width}, row-major) to {@code s * s} floats. */
  public static float[] downsample(float[] frame, int height, int width, int s) {
    check(frame == null ? -1 : frame.length, height, width, 1, s);
    double[] src = new double[frame.length];
    for (int i = 0; i < frame.length; i++) {
      src[i] = frame[i];
    }
    return area(src, height, width, 1, s);
  }

  private static void check(int length, int height, int width, int channels, int s) {
    if (height < 1 || width < 1 || channels < 1) {
      throw InvalidParameterException.of("pixels", "height, width, channels", "all >= 1",
          height + ", " + width + ", " + channels);
    }
    if (s < 1) {
      throw InvalidParameterException.of("pixels", "size", "an integer >= 1", s);
    }
    if (length != (long) height * width * channels) {
      throw InvalidParameterException.of("pixels", "image length", "height * width * channels = "
          + (long) height * width * channels, length);
    }
  }

  private static float[] area(double[] src, int h, int w, int c, int s) {
    double[][] wy = weights(h, s);
    double[][] wx = weights(w, s);
    float[] out = new float[s * s * c];
    double[] acc = new double[c];
    double norm = ((double) h / s) * ((double) w / s);
    for (int oy = 0; oy < s; oy++) {
      for (int ox = 0; ox < s; ox++) {
        java.util.Arrays.fill(acc, 0);
        for (int y = first(h, s, oy), ye = end(h, s, oy); y < ye; y++) {
          double a = wy[oy][y];
          if (a == 0) {
            continue;
          }
          for (int x = first(w, s, ox), xe = end(w, s, ox); x < xe; x++) {
            double b = wx[ox][x];
            if (b == 0) {
              continue;
            }
            int o = (y * w + x) * c;
            for (int ch = 0; ch < c; ch++) {
              acc[ch] += a * b * src[o + ch];
            }
          }
        }
        for (int ch = 0; ch < c; ch++) {
          out[(oy * s + ox) * c + ch] = (float) (acc[ch] / norm);
        }
      }
    }
    return out;
  }

  /** First source index overlapping output cell {@code o}. */
  private static int first(int n, int s, int o) {
    return (int) Math.floor(o * ((double) n / s));
  }

  /** One past the last source index overlapping output cell {@code o}. */
  private static int end(int n, int s, int o) {
    return Math.min(n, (int) Math.ceil((o + 1) * ((double) n / s)));
  }

  /** {@code weights[o][i]}: length of source pixel {@code i}'s overlap with output cell {@code o}, in source pixels. */
  private static double[][] weights(int n, int s) {
    double[][] wt = new double[s][n];
    double scale = (double) n / s;
    for (int o = 0; o < s; o++) {
      double lo = o * scale;
      double hi = (o + 1) * scale;
      for (int i = (int) Math.floor(lo); i < n && i < hi; i++) {
        double overlap = Math.min(hi, i + 1) - Math.max(lo, i);
        if (overlap > 0) {
          wt[o][i] = overlap;
        }
      }
    }
    return wt;
  }
}
