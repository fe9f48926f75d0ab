package org.evshard.io.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Blurs face boxes as img2dataset's {@code BoundingBoxBlurrer} does (img2dataset/blurrer.py at the commit the
 * fixtures come from, 95523bc; after the ImageNet face obfuscation code): each box is scaled to pixels (truncated),
 * grown by 10% of its larger side on every edge (truncated), clipped to {@code [0, size - 1]} and set to 1 in a mask
 * (end-exclusive, as numpy slices). With {@code sigma = 0.1 * largest box side} the kernel size is
 * {@code max(3, int(2 * ceil(sigma) + 1))}, made odd; that version blurs through albumentations' {@code GaussianBlur}
 * transform with its default {@code sigma_limit=0}, so OpenCV derives the Gaussian's sigma from the kernel size
 * ({@code 0.3 * ((ksize - 1) / 2 - 1) + 0.8}) and the computed {@code sigma} only sizes the kernel. Both the image (as
 * float32 in [0, 1]) and the mask are blurred (OpenCV {@code GaussianBlur}, reflect-101 border, clipped to [0, 1]),
 * then {@code out = uint8(255 * (img * (1 - m) + blurred * m))}, truncated, all in float32 as numpy computes it.
 * Older img2dataset releases blurred with {@code sigma} itself and {@code ksize = 2 * ceil(4 * sigma) + 1}; the
 * fixture {@code blurred.png} is the newer behaviour.
 */
public final class FaceBlur {

  private FaceBlur() {}

  /** A new 8-bit image of the same size and channels as {@code img} (1 or 3 channels), with the boxes blurred. */
  public static Mat blur(Mat img, FaceBoxes boxes) {
    if (boxes.isEmpty()) {
      return img.clone();
    }
    OpenCv.ensureLoaded();
    int width = img.cols();
    int height = img.rows();
    int channels = img.channels();
    float[] mask = new float[width * height];
    int maxDiagonal = 0;
    for (int i = 0; i < boxes.count(); i++) {
      int x1 = boxes.pixel(i, 0, width);
      int y1 = boxes.pixel(i, 1, height);
      int x2 = boxes.pixel(i, 2, width);
      int y2 = boxes.pixel(i, 3, height);
      int diagonal = Math.max(x2 - x1, y2 - y1);
      maxDiagonal = Math.max(maxDiagonal, diagonal);
      x1 = clip((int) (x1 - 0.1 * diagonal), width - 1);
      y1 = clip((int) (y1 - 0.1 * diagonal), height - 1);
      x2 = clip((int) (x2 + 0.1 * diagonal), width - 1);
      y2 = clip((int) (y2 + 0.1 * diagonal), height - 1);
      for (int y = y1; y < y2; y++) {
        for (int x = x1; x < x2; x++) {
          mask[y * width + x] = 1f;
        }
      }
    }
    double sigma = 0.1 * maxDiagonal;
    int ksize = Math.max(3, (int) (2 * Math.ceil(sigma) + 1));
    if (ksize % 2 == 0) {
      ksize++;
    }

    byte[] pixels = new byte[width * height * channels];
    img.get(0, 0, pixels);
    float[] unit = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      unit[i] = (pixels[i] & 0xFF) / 255f;
    }
    float[] blurredImg = gaussian(unit, height, width, channels, ksize);
    float[] blurredMask = gaussian(mask, height, width, 1, ksize);

    byte[] out = new byte[pixels.length];
    for (int p = 0, i = 0; p < blurredMask.length; p++) {
      float m = clip01(blurredMask[p]);
      for (int c = 0; c < channels; c++, i++) {
        float v = unit[i] * (1f - m) + clip01(blurredImg[i]) * m;
        out[i] = (byte) (int) (v * 255f);
      }
    }
    Mat result = new Mat(height, width, img.type());
    result.put(0, 0, out);
    return result;
  }

  /** OpenCV GaussianBlur with sigma 0: derived from the kernel size. */
  private static float[] gaussian(float[] values, int height, int width, int channels, int ksize) {
    Mat src = new Mat(height, width, CvType.CV_32FC(channels));
    Mat dst = new Mat();
    try {
      src.put(0, 0, values);
      Imgproc.GaussianBlur(src, dst, new Size(ksize, ksize), 0);
      float[] out = new float[values.length];
      dst.get(0, 0, out);
      return out;
    } finally {
      src.release();
      dst.release();
    }
  }

  private static int clip(int v, int max) {
    return Math.max(0, Math.min(max, v));
  }

  private static float clip01(float v) {
    return Math.max(0f, Math.min(1f, v));
  }
}
