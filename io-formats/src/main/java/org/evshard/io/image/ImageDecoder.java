package org.evshard.io.image;

import org.evshard.io.error.CorruptInputException;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * Decodes JPEG, PNG and WebP bytes to an 8-bit {@link DecodedImage} as img2dataset's resizer does
 * ({@code cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)}: no EXIF rotation, grayscale stays one channel), after
 * {@link ImageHeaderProbe} has checked the header against {@link ImageLimits} so that no decompression bomb is ever
 * decoded. Then:
 * <ul>
 *   <li>an alpha channel is composited over white exactly as img2dataset does
 *       ({@code rint(clip(alpha / 255 * rgb + 255 - alpha))} in double precision);
 *   <li>a JPEG must be complete up to its EOI marker ({@link JpegStructure}); OpenCV, and so img2dataset, would
 *       decode a truncated one with grey rows;
 *   <li>a PNG's chunks must fit in the bytes present, up to IEND ({@link PngStructure}): OpenCV allocates a chunk's
 *       declared length before reading it;
 *   <li>16-bit samples are scaled to 8 bits (value / 257, rounded), where img2dataset would keep 16 bits;
 *   <li>the decoded size must equal the probed size, else the input is corrupt.
 * </ul>
 * Stateless and thread-safe.
 */
public final class ImageDecoder {

  private final ImageLimits limits;

  public ImageDecoder(ImageLimits limits) {
    this.limits = limits;
  }

  /** A decoder with {@link ImageLimits#defaults()}. */
  public static ImageDecoder withDefaults() {
    return new ImageDecoder(ImageLimits.defaults());
  }

  public ImageLimits limits() {
    return limits;
  }

  /**
   * Decodes {@code bytes}.
   *
   * @throws ImageTooLargeException the header or the size exceeds the limits (nothing was decoded)
   * @throws CorruptInputException OpenCV could not decode the bytes, a JPEG is truncated, or the decoded size is
   *     not the header's
   * @throws org.evshard.io.error.UnsupportedFormatException not a JPEG, PNG or WebP
   */
  public DecodedImage decode(byte[] bytes, String source) {
    return decode(bytes, source, ImageHeaderProbe.probe(bytes, source, limits));
  }

  /**
   * Decodes {@code bytes} whose header the caller has already probed with {@link ImageHeaderProbe} against this
   * decoder's {@link #limits()} (so a caller that needs the format probes once, not twice).
   */
  public DecodedImage decode(byte[] bytes, String source, ImageHeader header) {
    if (header.format() == ImageFormat.JPEG) {
      JpegStructure.checkComplete(bytes, source);
    } else if (header.format() == ImageFormat.PNG) {
      PngStructure.checkComplete(bytes, source);
    }
    OpenCv.ensureLoaded();
    Mat decoded;
    MatOfByte buf = new MatOfByte(bytes);
    try {
      decoded = Imgcodecs.imdecode(buf, Imgcodecs.IMREAD_UNCHANGED);
    } finally {
      buf.release();
    }
    if (decoded.empty()) {
      decoded.release();
      throw new CorruptInputException(source, -1, "OpenCV could not decode the " + header.format() + " image ("
          + bytes.length + " bytes, header " + header.width() + "x" + header.height() + ")");
    }
    if (decoded.cols() != header.width() || decoded.rows() != header.height()) {
      String found = decoded.cols() + "x" + decoded.rows();
      decoded.release();
      throw new CorruptInputException(source, -1, "decoded size " + header.width() + "x" + header.height()
          + " (the header's)", found);
    }
    try {
      return normalise(decoded, source);
    } catch (RuntimeException e) {
      decoded.release();
      throw e;
    }
  }

  private static DecodedImage normalise(Mat m, String source) {
    if (m.depth() == CvType.CV_16U) {
      Mat eight = new Mat();
      m.convertTo(eight, CvType.CV_8U, 1.0 / 257.0);
      m.release();
      m = eight;
    } else if (m.depth() != CvType.CV_8U) {
      throw new CorruptInputException(source, -1, "8- or 16-bit samples", CvType.typeToString(m.type()));
    }
    switch (m.channels()) {
      case 1:
      case 3:
        return new DecodedImage(m, false);
      case 4:
        Mat rgb = AlphaMatte.overWhite(m);
        m.release();
        return new DecodedImage(rgb, true);
      case 2:
        Mat gray = AlphaMatte.grayOverWhite(m);
        m.release();
        return new DecodedImage(gray, true);
      default:
        throw new CorruptInputException(source, -1, "1 to 4 channels", Integer.toString(m.channels()));
    }
  }
}
