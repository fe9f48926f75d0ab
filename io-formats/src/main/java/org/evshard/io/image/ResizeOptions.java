package org.evshard.io.image;

/**
 * Immutable configuration of {@link ImageResizer}, named and defaulted as img2dataset's {@code Resizer} arguments
 * (img2dataset/resizer.py); change one with a {@code withX} copy. Validated where it is built, with img2dataset's
 * messages where it has them.
 *
 * @param imageSize {@code image_size}: the target side in pixels
 * @param mode {@code resize_mode}
 * @param resizeOnlyIfBigger {@code resize_only_if_bigger}: leave images the target would enlarge untouched
 * @param upscale {@code upscale_interpolation}, default lanczos
 * @param downscale {@code downscale_interpolation}, default area
 * @param encodeFormat {@code encode_format}, default jpg
 * @param encodeQuality {@code encode_quality}: JPEG/WebP quality (default 95; WebP above 100 is lossless), PNG
 *     compression level 0..9
 * @param skipReencode {@code skip_reencode}: keep the input bytes when nothing changed and the input already is of
 *     the encode format
 * @param minImageSize {@code min_image_size}: smallest accepted shorter side (0: any)
 * @param maxImageArea {@code max_image_area}: largest accepted {@code width * height} (infinite: any)
 * @param maxAspectRatio {@code max_aspect_ratio}: largest accepted longer/shorter side ratio (infinite: any)
 * @param color the channels written (not an img2dataset option; {@link OutputColor#AS_DECODED} is its behaviour)
 */
public record ResizeOptions(int imageSize, ResizeMode mode, boolean resizeOnlyIfBigger, Interpolation upscale,
    Interpolation downscale, ImageFormat encodeFormat, int encodeQuality, boolean skipReencode, int minImageSize,
    double maxImageArea, double maxAspectRatio, OutputColor color) implements java.io.Serializable {

  public ResizeOptions {
    if (imageSize < 1) {
      throw new IllegalArgumentException("image_size must be at least 1, got " + imageSize);
    }
    if (mode == null || upscale == null || downscale == null || encodeFormat == null || color == null) {
      throw new IllegalArgumentException("resize options must not be null");
    }
    if (encodeFormat == ImageFormat.PNG && (encodeQuality < 0 || encodeQuality > 9)) {
      throw new IllegalArgumentException("For png, encode quality represents compression which must be between 0 "
          + "and 9, got " + encodeQuality);
    }
    if (encodeFormat == ImageFormat.JPEG && (encodeQuality < 0 || encodeQuality > 100)) {
      throw new IllegalArgumentException("For jpg, encode quality must be between 0 and 100, got " + encodeQuality);
    }
    if (encodeFormat == ImageFormat.WEBP && encodeQuality < 1) {
      throw new IllegalArgumentException("For webp, encode quality must be at least 1, got " + encodeQuality);
    }
    if (minImageSize < 0 || !(maxImageArea > 0) || !(maxAspectRatio >= 1)) {
      throw new IllegalArgumentException("min_image_size must be >= 0, max_image_area > 0 and max_aspect_ratio >= 1,"
          + " got " + minImageSize + ", " + maxImageArea + ", " + maxAspectRatio);
    }
  }

  /** img2dataset's defaults for everything but the size and the mode. */
  public static ResizeOptions of(int imageSize, ResizeMode mode) {
    return new ResizeOptions(imageSize, mode, false, Interpolation.LANCZOS, Interpolation.AREA, ImageFormat.JPEG, 95,
        false, 0, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, OutputColor.AS_DECODED);
  }

  /** img2dataset {@code download()}'s defaults: 256, border, jpg at 95. */
  public static ResizeOptions defaults() {
    return of(256, ResizeMode.BORDER);
  }

  /**
   * The options under img2dataset's names ({@code image_size}, {@code resize_mode}, ...), enum values in lower case,
   * for a run's manifest and report (a record's {@code toString} there was neither JSON nor img2dataset's vocabulary).
   */
  public java.util.Map<String, Object> toParameters() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("image_size", imageSize);
    m.put("resize_mode", lower(mode));
    m.put("resize_only_if_bigger", resizeOnlyIfBigger);
    m.put("upscale_interpolation", lower(upscale));
    m.put("downscale_interpolation", lower(downscale));
    m.put("encode_format", encodeFormat.extension());
    m.put("encode_quality", encodeQuality);
    m.put("skip_reencode", skipReencode);
    m.put("min_image_size", minImageSize);
    m.put("max_image_area", Double.isInfinite(maxImageArea) ? "inf" : maxImageArea);
    m.put("max_aspect_ratio", Double.isInfinite(maxAspectRatio) ? "inf" : maxAspectRatio);
    m.put("color", lower(color));
    return m;
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(java.util.Locale.ROOT);
  }

  public ResizeOptions withImageSize(int v) {
    return new ResizeOptions(v, mode, resizeOnlyIfBigger, upscale, downscale, encodeFormat, encodeQuality,
        skipReencode, minImageSize, maxImageArea, maxAspectRatio, color);
  }

  public ResizeOptions withMode(ResizeMode v) {
    return new ResizeOptions(imageSize, v, resizeOnlyIfBigger, upscale, downscale, encodeFormat, encodeQuality,
        skipReencode, minImageSize, maxImageArea, maxAspectRatio, color);
  }

  public ResizeOptions withResizeOnlyIfBigger(boolean v) {
    return new ResizeOptions(imageSize, mode, v, upscale, downscale, encodeFormat, encodeQuality, skipReencode,
        minImageSize, maxImageArea, maxAspectRatio, color);
  }

  public ResizeOptions withInterpolation(Interpolation up, Interpolation down) {
    return new ResizeOptions(imageSize, mode, resizeOnlyIfBigger, up, down, encodeFormat, encodeQuality, skipReencode,
        minImageSize, maxImageArea, maxAspectRatio, color);
  }

  /** The format and its quality together, since the valid qualities depend on the format. */
  public ResizeOptions withEncoding(ImageFormat format, int quality) {
    return new ResizeOptions(imageSize, mode, resizeOnlyIfBigger, upscale, downscale, format, quality, skipReencode,
        minImageSize, maxImageArea, maxAspectRatio, color);
  }

  public ResizeOptions withSkipReencode(boolean v) {
    return new ResizeOptions(imageSize, mode, resizeOnlyIfBigger, upscale, downscale, encodeFormat, encodeQuality, v,
        minImageSize, maxImageArea, maxAspectRatio, color);
  }

  public ResizeOptions withMinImageSize(int v) {
    return new ResizeOptions(imageSize, mode, resizeOnlyIfBigger, upscale, downscale, encodeFormat, encodeQuality,
        skipReencode, v, maxImageArea, maxAspectRatio, color);
  }

  public ResizeOptions withMaxImageArea(double v) {
    return new ResizeOptions(imageSize, mode, resizeOnlyIfBigger, upscale, downscale, encodeFormat, encodeQuality,
        skipReencode, minImageSize, v, maxAspectRatio, color);
  }

  public ResizeOptions withMaxAspectRatio(double v) {
    return new ResizeOptions(imageSize, mode, resizeOnlyIfBigger, upscale, downscale, encodeFormat, encodeQuality,
        skipReencode, minImageSize, maxImageArea, v, color);
  }

  public ResizeOptions withColor(OutputColor v) {
    return new ResizeOptions(imageSize, mode, resizeOnlyIfBigger, upscale, downscale, encodeFormat, encodeQuality,
        skipReencode, minImageSize, maxImageArea, maxAspectRatio, v);
  }
}
