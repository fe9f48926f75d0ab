package org.evshard.io.image;

import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Decodes, checks, resizes, optionally blurs faces and re-encodes one image exactly as img2dataset's
 * {@code Resizer.__call__} does (img2dataset/resizer.py), returning what img2dataset writes into its json.
 *
 * <ol>
 *   <li>Decode with {@link ImageDecoder} (limits first; alpha composited over white forces a re-encode).
 *   <li>Refuse by {@code min_image_size}, {@code max_image_area}, {@code max_aspect_ratio} on the decoded size.
 *   <li>{@code keep_ratio}/{@code center_crop}: unless {@code resize_only_if_bigger} and the shorter side is at most
 *       {@code image_size}, scale the shorter side to {@code image_size} (new sides {@code round(side * scale)},
 *       half to even as Python rounds; no resize when the scale is exactly 1), blur, then centre-crop
 *       ({@code (side - image_size) // 2}). {@code border}/{@code keep_ratio_largest}/{@code fixed}: the same on the
 *       longer side (fixed: both sides to {@code image_size}), blur, then for border pad with white (top/left
 *       {@code int((image_size - side) / 2)}). Interpolation is the downscale one when the compared side is above
 *       {@code image_size}, else the upscale one.
 *   <li>When no resize happened, blur the decoded image. Unlike img2dataset, a blur forces a re-encode: under
 *       {@code skip_reencode} img2dataset would return the original, unblurred bytes.
 *   <li>Encode unless {@code skip_reencode} applies: nothing changed and Python's {@code imghdr} already names the
 *       input as the encode format (for JPEG: bytes 6..9 {@code JFIF}/{@code Exif} or a leading {@code ff d8 ff db};
 *       then the input bytes are returned).
 * </ol>
 * Thread-safe; each call allocates its own native buffers and frees them before returning.
 */
public final class ImageResizer {

  private final ResizeOptions options;
  private final ImageLimits limits;
  private final ImageDecoder decoder;
  private final int[] encodeParams;

  public ImageResizer(ResizeOptions options, ImageLimits limits) {
    this.options = options;
    this.limits = limits;
    this.decoder = new ImageDecoder(limits);
    int key;
    switch (options.encodeFormat()) {
      case JPEG:
        key = Imgcodecs.IMWRITE_JPEG_QUALITY;
        break;
      case PNG:
        key = Imgcodecs.IMWRITE_PNG_COMPRESSION;
        break;
      default:
        key = Imgcodecs.IMWRITE_WEBP_QUALITY;
    }
    this.encodeParams = new int[] {key, options.encodeQuality()};
  }

  public ResizeOptions options() {
    return options;
  }

  /** Resizes without face blurring. */
  public ResizeResult resize(byte[] encoded, String source) {
    return resize(encoded, source, null);
  }

  /**
   * Resizes one image.
   *
   * @param faces boxes to blur, or null for no blurring (img2dataset's {@code blurring_bbox_list=None})
   * @throws ImageTooLargeException the encoded size or the header's pixel count is above the limits
   * @throws org.evshard.io.error.CorruptInputException the bytes do not decode
   */
  public ResizeResult resize(byte[] encoded, String source, FaceBoxes faces) {
    return resize(encoded, source, faces, null);
  }

  /**
   * Resizes one image and shows the final pixels (what the returned bytes encode) to {@code finalImage} before they
   * are freed, so a caller can take a thumbnail or the decoded tensor without decoding a second time. The visitor
   * must not keep the image; it is not called for a rejected image.
   */
  public ResizeResult resize(byte[] encoded, String source, FaceBoxes faces,
      java.util.function.Consumer<DecodedImage> finalImage) {
    boolean encodeNeeded = !(options.skipReencode() && alreadyInEncodeFormat(encoded));
    try (DecodedImage image = decoder.decode(encoded, source)) {
      encodeNeeded |= image.alphaMatted();
      int ow = image.width();
      int oh = image.height();
      RejectReason reject = check(ow, oh);
      if (reject != null) {
        return ResizeResult.rejected(reject, ow, oh);
      }
      encodeNeeded |= convertColor(image);
      boolean blurPending = faces != null;
      int size = options.imageSize();
      ResizeMode mode = options.mode();
      if (mode == ResizeMode.KEEP_RATIO || mode == ResizeMode.CENTER_CROP) {
        boolean downscale = Math.min(ow, oh) > size;
        if (!options.resizeOnlyIfBigger() || downscale) {
          scaleSide(image, Math.min(ow, oh), interpolation(downscale), source);
          blurPending = blur(image, faces);
          if (mode == ResizeMode.CENTER_CROP) {
            centerCrop(image, size);
          }
          encodeNeeded = true;
        }
      } else if (mode != ResizeMode.NO) {
        boolean downscale = Math.max(ow, oh) > size;
        if (!options.resizeOnlyIfBigger() || downscale) {
          if (mode == ResizeMode.FIXED) {
            resizeTo(image, size, size, interpolation(downscale));
          } else {
            scaleSide(image, Math.max(ow, oh), interpolation(downscale), source);
          }
          blurPending = blur(image, faces);
          if (mode == ResizeMode.BORDER) {
            padWhite(image, size);
          }
          encodeNeeded = true;
        }
      }
      if (blurPending) {
        blur(image, faces);
        encodeNeeded |= !faces.isEmpty();
      }
      if (finalImage != null) {
        finalImage.accept(image);
      }
      byte[] out = encodeNeeded ? encode(image.mat(), source) : encoded.clone();
      return ResizeResult.encoded(out, options.encodeFormat(), image.width(), image.height(), ow, oh);
    }
  }

  private RejectReason check(int w, int h) {
    if (Math.min(w, h) < options.minImageSize()) {
      return RejectReason.IMAGE_TOO_SMALL;
    }
    if ((double) w * h > options.maxImageArea()) {
      return RejectReason.IMAGE_AREA_TOO_LARGE;
    }
    if ((double) Math.max(w, h) / Math.min(w, h) > options.maxAspectRatio()) {
      return RejectReason.ASPECT_RATIO_TOO_LARGE;
    }
    return null;
  }

  private Interpolation interpolation(boolean downscale) {
    return downscale ? options.downscale() : options.upscale();
  }

  /** Applies {@link ResizeOptions#color()}; true when the channel count changed. */
  private boolean convertColor(DecodedImage image) {
    int c = image.channels();
    int code;
    if (options.color() == OutputColor.COLOR && c == 1) {
      code = Imgproc.COLOR_GRAY2BGR;
    } else if (options.color() == OutputColor.GRAY && c == 3) {
      code = Imgproc.COLOR_BGR2GRAY;
    } else {
      return false;
    }
    Mat out = new Mat();
    Imgproc.cvtColor(image.mat(), out, code);
    image.replace(out);
    return true;
  }

  /** albumentations smallest/longest_max_size: {@code side} (the shorter or longer) becomes {@code image_size}. */
  private void scaleSide(DecodedImage image, int side, Interpolation interpolation, String source) {
    double scale = options.imageSize() / (double) side;
    if (scale != 1.0) {
      double w = Math.rint(image.width() * scale);
      double h = Math.rint(image.height() * scale);
      if (w * h > limits.maxPixels()) { // keep_ratio on a long image: the other side grows with the aspect ratio
        throw new ImageTooLargeException(source, -1, "resized " + (long) w + "x" + (long) h + " pixel count",
            (long) Math.min(w * h, Long.MAX_VALUE), limits.maxPixels(), "the image_size side of a "
            + image.width() + "x" + image.height() + " image; the limit is the decoder's pixel limit");
      }
      resizeTo(image, (int) w, (int) h, interpolation);
    }
  }

  private static void resizeTo(DecodedImage image, int w, int h, Interpolation interpolation) {
    if (w == image.width() && h == image.height()) {
      return;
    }
    Mat out = new Mat();
    Imgproc.resize(image.mat(), out, new Size(w, h), 0, 0, interpolation.cvFlag());
    image.replace(out);
  }

  private static void centerCrop(DecodedImage image, int size) {
    int w = image.width();
    int h = image.height();
    if (size > w || size > h) {
      throw new IllegalStateException("center crop " + size + " larger than the scaled " + w + "x" + h);
    }
    Mat roi = image.mat().submat(new Rect(Math.floorDiv(w - size, 2), Math.floorDiv(h - size, 2), size, size));
    Mat crop = roi.clone();
    roi.release();
    image.replace(crop);
  }

  private static void padWhite(DecodedImage image, int size) {
    int w = image.width();
    int h = image.height();
    int top = h < size ? (int) ((size - h) / 2.0) : 0;
    int bottom = h < size ? size - h - top : 0;
    int left = w < size ? (int) ((size - w) / 2.0) : 0;
    int right = w < size ? size - w - left : 0;
    if (top + bottom + left + right == 0) {
      return;
    }
    Mat out = new Mat();
    Core.copyMakeBorder(image.mat(), out, top, bottom, left, right, Core.BORDER_CONSTANT,
        new Scalar(255, 255, 255));
    image.replace(out);
  }

  /** Blurs when boxes are given; returns false (no blur pending any more). */
  private static boolean blur(DecodedImage image, FaceBoxes faces) {
    if (faces != null && !faces.isEmpty()) {
      image.replace(FaceBlur.blur(image.mat(), faces));
    }
    return false;
  }

  private byte[] encode(Mat mat, String source) {
    MatOfByte buf = new MatOfByte();
    MatOfInt params = new MatOfInt(encodeParams);
    try {
      if (!Imgcodecs.imencode("." + options.encodeFormat().extension(), mat, buf, params)) {
        throw new IllegalStateException(source + ": OpenCV could not encode " + mat + " as "
            + options.encodeFormat());
      }
      return buf.toArray();
    } finally {
      buf.release();
      params.release();
    }
  }

  /** Python imghdr's answer equals the encode format (what img2dataset's {@code skip_reencode} compares). */
  private boolean alreadyInEncodeFormat(byte[] b) {
    switch (options.encodeFormat()) {
      case JPEG:
        boolean jfifOrExif = b.length >= 10 && ((b[6] == 'J' && b[7] == 'F' && b[8] == 'I' && b[9] == 'F')
            || (b[6] == 'E' && b[7] == 'x' && b[8] == 'i' && b[9] == 'f'));
        boolean rawJpeg = b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF
            && (b[3] & 0xFF) == 0xDB;
        return jfifOrExif || rawJpeg;
      case PNG:
        return b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == '\r'
            && b[5] == '\n' && b[6] == 0x1A && b[7] == '\n';
      default:
        return b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W'
            && b[9] == 'E' && b[10] == 'B' && b[11] == 'P';
    }
  }
}
