package org.evshard.io.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Composites an 8-bit image with alpha over a white background as img2dataset's resizer does:
 * {@code out = rint(clip(alpha / 255 * c + 255 - alpha, 0, 255))} per colour channel, in double precision (numpy's
 * float64), evaluated in the same order so that every value rounds the same way.
 */
final class AlphaMatte {

  private AlphaMatte() {}

  /** BGRA to BGR. */
  static Mat overWhite(Mat bgra) {
    return composite(bgra, 4, 3);
  }

  /** Gray + alpha to gray (OpenCV hands such PNGs over as 2 channels only in some builds; handled the same way). */
  static Mat grayOverWhite(Mat grayAlpha) {
    return composite(grayAlpha, 2, 1);
  }

  private static Mat composite(Mat in, int inChannels, int outChannels) {
    int pixels = in.rows() * in.cols();
    byte[] src = new byte[pixels * inChannels];
    in.get(0, 0, src);
    byte[] dst = new byte[pixels * outChannels];
    for (int p = 0; p < pixels; p++) {
      int alpha = src[p * inChannels + outChannels] & 0xFF;
      double a = alpha / 255.0;
      for (int c = 0; c < outChannels; c++) {
        double v = a * (src[p * inChannels + c] & 0xFF) + 255 - alpha;
        dst[p * outChannels + c] = (byte) Math.rint(Math.min(255.0, Math.max(0.0, v)));
      }
    }
    Mat out = new Mat(in.rows(), in.cols(), CvType.CV_8UC(outChannels));
    out.put(0, 0, dst);
    return out;
  }
}
