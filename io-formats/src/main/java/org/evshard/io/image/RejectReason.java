package org.evshard.io.image;

/**
 * Why the resizer refused an image, with img2dataset's error strings (written to its parquet's {@code error_message}).
 * Checked on the decoded size, in this order, before any resizing.
 */
public enum RejectReason {
  /** The shorter side is below {@code min_image_size}. */
  IMAGE_TOO_SMALL("image too small"),
  /** {@code width * height} is above {@code max_image_area}. */
  IMAGE_AREA_TOO_LARGE("image area too large"),
  /** The longer side divided by the shorter is above {@code max_aspect_ratio}. */
  ASPECT_RATIO_TOO_LARGE("aspect ratio too large");

  private final String message;

  RejectReason(String message) {
    this.message = message;
  }

  /** img2dataset's message for this reason. */
  public String message() {
    return message;
  }
}
