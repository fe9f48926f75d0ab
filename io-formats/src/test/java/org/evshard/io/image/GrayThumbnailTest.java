package org.evshard.io.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

/**
 * The thumbnail against an independent double-precision computation from the definitions (Pillow's documented "L"
 * weights 299/587/114 per mille, a Lanczos-3 window widened by the reduction factor, weights normalised, applied
 * horizontally then vertically with each pass clipped to 8-bit range), which differs from Pillow's fixed-point
 * integer pipeline only by rounding.
 */
class GrayThumbnailTest {

  /** Max and mean absolute difference allowed against the double-precision reference, in levels. */
  private static final double MAX_DIFF = 2.0;
  private static final double MEAN_DIFF = 0.5;

  @Test
  void matchesTheDefinitionOnEveryPhotoAndCifarImage() {
    ImageDecoder decoder = ImageDecoder.withDefaults();
    Path[] files = ImageFixtureFiles.resizePhotos().toArray(new Path[0]);
    for (Path p : files) {
      check(decoder, p, 32);
    }
    check(decoder, ImageFixtureFiles.cifar().get(0), 16);
    check(decoder, ImageFixtureFiles.cifar().get(1), 64);
  }

  private static void check(ImageDecoder decoder, Path p, int size) {
    try (DecodedImage im = decoder.decode(ImageFixtureFiles.read(p), p.toString())) {
      float[] thumb = GrayThumbnail.of(im, size);
      double[] ref = reference(im.toInterleavedRgb(), im.width(), im.height(), size);
      double max = 0;
      double sum = 0;
      for (int i = 0; i < ref.length; i++) {
        double d = Math.abs(thumb[i] - ref[i]);
        max = Math.max(max, d);
        sum += d;
        assertEquals(Math.rint(thumb[i]), thumb[i], "whole levels");
      }
      assertTrue(max <= MAX_DIFF && sum / ref.length <= MEAN_DIFF, p + " max " + max + " mean " + sum / ref.length);
    }
  }

  @Test
  void aSizeEqualToTheImageIsTheLumaItself() {
    ImageDecoder decoder = ImageDecoder.withDefaults();
    Path p = ImageFixtureFiles.cifar().get(3);
    try (DecodedImage im = decoder.decode(ImageFixtureFiles.read(p), p.toString())) {
      byte[] rgb = im.toInterleavedRgb();
      float[] thumb = GrayThumbnail.of(im, 32);
      for (int i = 0; i < 32 * 32; i++) {
        // Pillow's "L": rounded R*299/1000 + G*587/1000 + B*114/1000 (its 16-bit fixed point rounds the same here)
        double l = ((rgb[3 * i] & 0xFF) * 299 + (rgb[3 * i + 1] & 0xFF) * 587 + (rgb[3 * i + 2] & 0xFF) * 114) / 1000.0;
        assertEquals(l, thumb[i], 0.5 + 1e-9, "pixel " + i);
      }
    }
  }

  @Test
  void aConstantImageStaysConstant() {
    OpenCv.ensureLoaded();
    Mat m = new Mat(123, 77, CvType.CV_8UC3, new Scalar(40, 90, 200)); // B, G, R
    try (DecodedImage im = new DecodedImage(m, false)) {
      float[] thumb = GrayThumbnail.of(im, 32);
      int l = (int) Math.round((200 * 299 + 90 * 587 + 40 * 114) / 1000.0);
      float[] expected = new float[32 * 32];
      Arrays.fill(expected, l);
      assertEquals(Arrays.toString(expected), Arrays.toString(thumb));
    }
  }

  /**
   * Two passes in double precision, horizontal then vertical, each clipped to [0, 255] as Pillow clips every pass
   * (Lanczos overshoots at hard edges), but without Pillow's fixed-point weights and per-pass rounding.
   */
  private static double[] reference(byte[] rgb, int w, int h, int size) {
    double[] luma = new double[w * h];
    for (int i = 0; i < luma.length; i++) {
      luma[i] = ((rgb[3 * i] & 0xFF) * 299 + (rgb[3 * i + 1] & 0xFF) * 587 + (rgb[3 * i + 2] & 0xFF) * 114) / 1000.0;
    }
    double[][] wx = weights(w, size);
    double[][] wy = weights(h, size);
    double[] rows = new double[size * h];
    for (int j = 0; j < h; j++) {
      for (int x = 0; x < size; x++) {
        double s = 0;
        for (int i = 0; i < w; i++) {
          s += luma[j * w + i] * wx[x][i];
        }
        rows[j * size + x] = Math.max(0, Math.min(255, s));
      }
    }
    double[] out = new double[size * size];
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        double s = 0;
        for (int j = 0; j < h; j++) {
          s += rows[j * size + x] * wy[y][j];
        }
        out[y * size + x] = Math.max(0, Math.min(255, s));
      }
    }
    return out;
  }

  /** Lanczos-3 weights of every input sample for each output sample, centres at (o + 0.5) * scale. */
  private static double[][] weights(int in, int out) {
    double scale = (double) in / out;
    double widen = Math.max(1, scale);
    double[][] wts = new double[out][in];
    for (int o = 0; o < out; o++) {
      double centre = (o + 0.5) * scale;
      double total = 0;
      for (int i = 0; i < in; i++) {
        double t = (i + 0.5 - centre) / widen;
        double v = Math.abs(t) < 3 ? sinc(t) * sinc(t / 3) : 0;
        wts[o][i] = v;
        total += v;
      }
      for (int i = 0; i < in; i++) {
        wts[o][i] /= total;
      }
    }
    return wts;
  }

  private static double sinc(double x) {
    return x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
  }
}
