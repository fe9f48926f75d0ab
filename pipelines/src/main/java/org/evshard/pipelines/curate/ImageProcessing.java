package org.evshard.pipelines.curate;

import java.io.Serializable;
import org.evshard.io.image.ImageLimits;
import org.evshard.io.image.ResizeOptions;

/**
 * What {@code evshard curate} does to each image: keep the source bytes as they are (no resize options), or resize
 * and re-encode them as img2dataset does ({@link ResizeOptions}); blur DataComp's face boxes or not; store the
 * decoded pixels as a tensor or not; compute the perceptual hash or not. Limits are checked before decoding.
 *
 * @param resize img2dataset resizing, or null to keep the source bytes unchanged
 */
public record ImageProcessing(ResizeOptions resize, boolean blurFaces, boolean decodeTensor, boolean phash,
    ImageLimits limits) implements Serializable {

  /**
   * Refuses an image size whose square is above the pixel limit: every resized image would be (each was rejected
   * with OpenCV's "Insufficient memory" for {@code --image-size 100000}).
   */
  public ImageProcessing {
    if (resize != null && resize.mode() != org.evshard.io.image.ResizeMode.NO
        && (long) resize.imageSize() * resize.imageSize() > limits.maxPixels()) {
      throw new IllegalArgumentException("--image-size " + resize.imageSize() + " makes images of at least "
          + resize.imageSize() + "x" + resize.imageSize() + " pixels, more than the pixel limit " + limits.maxPixels()
          + " (--max-pixels)");
    }
  }

  /** Source bytes kept, no tensor, no hash, default limits. */
  public static ImageProcessing passThrough() {
    return new ImageProcessing(null, false, false, false, ImageLimits.defaults());
  }

  public ImageProcessing withPhash(boolean v) {
    return new ImageProcessing(resize, blurFaces, decodeTensor, v, limits);
  }
}
