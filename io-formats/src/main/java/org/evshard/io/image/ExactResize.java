package org.evshard.io.image;

import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Decodes an image and scales it to exactly {@code width x height} (aspect ratio not kept) with OpenCV's
 * {@code resize}: {@code INTER_AREA} when shrinking both sides, {@code INTER_LINEAR} otherwise, the usual choice of
 * PyTorch data pipelines built on {@code cv2.resize}. The result is 8-bit RGB, row-major, interleaved ({@code H x W x 3};
 * grey images replicated), or with {@code valueChannel} the HSV value channel {@code V = max(R, G, B)} (OpenCV's
 * {@code COLOR_RGB2HSV} definition of V), {@code H x W x 1}.
 */
public final class ExactResize {

  private ExactResize() {}

  /**
   * @throws ImageTooLargeException, org.evshard.io.error.CorruptInputException,
   *     org.evshard.io.error.UnsupportedFormatException as {@link ImageDecoder#decode}
   */
  public static byte[] pixels(ImageDecoder decoder, byte[] encoded, String source, int width, int height,
      boolean valueChannel) {
    if (width <= 0 || height <= 0 || (long) width * height > decoder.limits().maxPixels()) {
      throw new IllegalArgumentException("target size " + width + "x" + height + " must be positive and within "
          + decoder.limits().maxPixels() + " pixels");
    }
    try (DecodedImage img = decoder.decode(encoded, source)) {
      Mat src = img.mat();
      boolean shrink = width <= src.cols() && height <= src.rows();
      Mat dst = new Mat();
      try {
        Imgproc.resize(src, dst, new Size(width, height), 0, 0, shrink ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
        img.replace(dst);
      } catch (RuntimeException e) {
        dst.release();
        throw e;
      }
      byte[] rgb = img.toInterleavedRgb();
      if (img.channels() == 1) {
        if (valueChannel) {
          return rgb;
        }
        byte[] out = new byte[rgb.length * 3];
        for (int i = 0; i < rgb.length; i++) {
          out[3 * i] = rgb[i];
          out[3 * i + 1] = rgb[i];
          out[3 * i + 2] = rgb[i];
        }
        return out;
      }
      if (!valueChannel) {
        return rgb;
      }
      byte[] v = new byte[rgb.length / 3];
      for (int i = 0; i < v.length; i++) {
        int r = rgb[3 * i] & 0xFF;
        int g = rgb[3 * i + 1] & 0xFF;
        int b = rgb[3 * i + 2] & 0xFF;
        v[i] = (byte) Math.max(r, Math.max(g, b));
      }
      return v;
    }
  }
}
