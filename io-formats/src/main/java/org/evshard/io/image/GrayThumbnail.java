package org.evshard.io.image;

/**
 * The grayscale thumbnail perceptual hashing starts from, as the {@code imagehash} library's {@code phash} makes it:
 * {@code image.convert("L").resize((size, size), Image.LANCZOS)} (size 32 for the default {@code hash_size=8,
 * highfreq_factor=4}). Both steps follow Pillow bit for bit rather than OpenCV:
 * <ul>
 *   <li>"L" is Pillow's fixed-point {@code (R * 19595 + G * 38470 + B * 7471 + 0x8000) >> 16}, the rounded form of
 *       the documented {@code L = R * 299/1000 + G * 587/1000 + B * 114/1000} (OpenCV's {@code BGR2GRAY} uses 14-bit
 *       weights and can differ by one);
 *   <li>the resize is Pillow's antialiased Lanczos ({@link PilResample}); OpenCV's {@code INTER_LANCZOS4} is a fixed
 *       8x8 kernel that does not widen on reduction and would alias a photo reduced to 32 pixels.
 * </ul>
 * Values are the thumbnail's 8-bit levels (0..255) as floats, row-major. Alpha has already been composited over white
 * by {@link ImageDecoder} (Pillow's {@code convert("L")} would drop it instead).
 */
public final class GrayThumbnail {

  private GrayThumbnail() {}

  /** A {@code size x size} thumbnail of {@code image}, row-major, values 0..255. */
  public static float[] of(DecodedImage image, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("thumbnail size must be at least 1, got " + size);
    }
    int w = image.width();
    int h = image.height();
    byte[] px = new byte[w * h * image.channels()];
    image.mat().get(0, 0, px);
    int[] gray = image.channels() == 1 ? unsigned(px) : pilLuma(px);
    int[] small = PilResample.lanczos(gray, w, h, size, size);
    float[] out = new float[small.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = small[i];
    }
    return out;
  }

  /** Pillow's RGB to "L" on OpenCV's BGR pixels. */
  static int[] pilLuma(byte[] bgr) {
    int[] out = new int[bgr.length / 3];
    for (int p = 0, i = 0; p < out.length; p++, i += 3) {
      int b = bgr[i] & 0xFF;
      int g = bgr[i + 1] & 0xFF;
      int r = bgr[i + 2] & 0xFF;
      out[p] = (r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16;
    }
    return out;
  }

  private static int[] unsigned(byte[] px) {
    int[] out = new int[px.length];
    for (int i = 0; i < px.length; i++) {
      out[i] = px[i] & 0xFF;
    }
    return out;
  }
}
