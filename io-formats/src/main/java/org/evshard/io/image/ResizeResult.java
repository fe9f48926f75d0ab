package org.evshard.io.image;

/**
 * What {@link ImageResizer} returns for one image, the fields img2dataset writes into its per-sample json: the
 * encoded bytes with their size and the original size, or the reason the image was refused (then the bytes are null
 * and the sizes are the original's, for the dead-letter record).
 *
 * @param encoded the output image (a fresh array, or the input itself under {@code skip_reencode}); null if rejected
 * @param format the format of {@code encoded}; null if rejected
 * @param width output width ({@code width} in img2dataset's json)
 * @param height output height
 * @param originalWidth decoded width before resizing ({@code original_width})
 * @param originalHeight decoded height before resizing
 * @param rejection why the image was refused, or null
 */
public record ResizeResult(byte[] encoded, ImageFormat format, int width, int height, int originalWidth,
    int originalHeight, RejectReason rejection) {

  static ResizeResult encoded(byte[] bytes, ImageFormat format, int width, int height, int originalWidth,
      int originalHeight) {
    return new ResizeResult(bytes, format, width, height, originalWidth, originalHeight, null);
  }

  static ResizeResult rejected(RejectReason reason, int originalWidth, int originalHeight) {
    return new ResizeResult(null, null, 0, 0, originalWidth, originalHeight, reason);
  }

  public boolean isRejected() {
    return rejection != null;
  }
}
