package org.evshard.io.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * A decoded 8-bit image that owns its OpenCV {@link Mat}: one channel (grayscale) or three (colour, held in OpenCV's
 * BGR order). Close it to free the native pixels at once rather than at garbage collection. Not thread-safe.
 */
public final class DecodedImage implements AutoCloseable {

  private Mat mat;
  private final boolean alphaMatted;

  /** Takes ownership of {@code mat} (8-bit, 1 or 3 channels). */
  DecodedImage(Mat mat, boolean alphaMatted) {
    if (mat.depth() != CvType.CV_8U || (mat.channels() != 1 && mat.channels() != 3)) {
      throw new IllegalArgumentException("a DecodedImage holds 8-bit 1- or 3-channel pixels, not " + mat);
    }
    this.mat = mat;
    this.alphaMatted = alphaMatted;
  }

  public int width() {
    return mat().cols();
  }

  public int height() {
    return mat().rows();
  }

  /** 1 (grayscale) or 3 (colour). */
  public int channels() {
    return mat().channels();
  }

  /** Whether the source had an alpha channel, now composited over white as img2dataset does. */
  public boolean alphaMatted() {
    return alphaMatted;
  }

  /**
   * A new array of the pixels, interleaved row-major HWC: {@code height * width * channels} bytes, colour in RGB
   * order (OpenCV's BGR swapped), grayscale as is. Values are unsigned (read with {@code & 0xFF}).
   */
  public byte[] toInterleavedRgb() {
    Mat m = mat();
    int c = m.channels();
    byte[] out = new byte[m.rows() * m.cols() * c];
    m.get(0, 0, out);
    if (c == 3) {
      for (int i = 0; i < out.length; i += 3) {
        byte b = out[i];
        out[i] = out[i + 2];
        out[i + 2] = b;
      }
    }
    return out;
  }

  /** The pixels for OpenCV calls in this package; still owned by this image. */
  Mat mat() {
    if (mat == null) {
      throw new IllegalStateException("the decoded image was closed");
    }
    return mat;
  }

  /** Replaces the pixels with {@code next} (taking ownership) and frees the previous ones unless they are the same. */
  void replace(Mat next) {
    if (next != mat) {
      mat().release();
      mat = next;
    }
  }

  @Override
  public void close() {
    if (mat != null) {
      mat.release();
      mat = null;
    }
  }
}
