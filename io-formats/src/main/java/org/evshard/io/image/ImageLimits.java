package org.evshard.io.image;

/**
 * Limits checked on an encoded image before it is decoded: the pixel count its header claims and its encoded size.
 * The default pixel limit is Pillow's {@code Image.MAX_IMAGE_PIXELS} (89,478,485 = 1024 * 1024 * 1024 // 4 // 3:
 * a quarter GiB of 24-bit pixels); Pillow warns above it and refuses above twice that, evshard refuses above it.
 *
 * @param maxPixels largest {@code width * height} accepted
 * @param maxEncodedBytes largest encoded input accepted, in bytes
 */
public record ImageLimits(long maxPixels, long maxEncodedBytes) implements java.io.Serializable {

  /** Pillow's {@code MAX_IMAGE_PIXELS}. */
  public static final long PIL_MAX_IMAGE_PIXELS = 89_478_485L;
  /** Default largest encoded image: 64 MiB, far above any web image or dataset sample. */
  public static final long DEFAULT_MAX_ENCODED_BYTES = 64L << 20;

  public ImageLimits {
    if (maxPixels < 1 || maxEncodedBytes < 1) {
      throw new IllegalArgumentException("image limits must be positive: maxPixels=" + maxPixels
          + ", maxEncodedBytes=" + maxEncodedBytes);
    }
  }

  /** Pillow's pixel limit and 64 MiB of encoded bytes. */
  public static ImageLimits defaults() {
    return new ImageLimits(PIL_MAX_IMAGE_PIXELS, DEFAULT_MAX_ENCODED_BYTES);
  }

  public ImageLimits withMaxPixels(long n) {
    return new ImageLimits(n, maxEncodedBytes);
  }

  public ImageLimits withMaxEncodedBytes(long n) {
    return new ImageLimits(maxPixels, n);
  }

  /** Throws {@link ImageTooLargeException} when the encoded input is larger than allowed. */
  void checkEncodedBytes(String source, long length) {
    if (length > maxEncodedBytes) {
      throw new ImageTooLargeException(source, 0, "encoded image size in bytes", length, maxEncodedBytes);
    }
  }

  /** Throws {@link ImageTooLargeException} when the header claims more pixels than allowed. */
  void checkPixels(String source, ImageHeader header) {
    if (header.pixels() > maxPixels) {
      throw new ImageTooLargeException(source, 0, header.format() + " header's " + header.width() + "x"
          + header.height() + " pixel count", header.pixels(), maxPixels);
    }
  }
}
