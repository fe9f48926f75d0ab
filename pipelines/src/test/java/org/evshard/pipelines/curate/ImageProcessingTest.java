package org.evshard.pipelines.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.evshard.io.image.ImageLimits;
import org.evshard.io.image.ResizeMode;
import org.evshard.io.image.ResizeOptions;
import org.junit.jupiter.api.Test;

/**
 * An image size whose square is above the pixel limit is refused before the run (every image was rejected with
 * OpenCV's "Insufficient memory" for {@code --image-size 100000}); mode {@code no} does not resize, so any size goes.
 */
class ImageProcessingTest {

  @Test
  void anImageSizePastThePixelLimitIsRefused() {
    ImageLimits limits = ImageLimits.defaults().withMaxPixels(10_000);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ImageProcessing(
        ResizeOptions.of(101, ResizeMode.BORDER), false, false, false, limits));
    assertEquals("--image-size 101 makes images of at least 101x101 pixels, more than the pixel limit 10000 "
        + "(--max-pixels)", e.getMessage());
    assertEquals(100, new ImageProcessing(ResizeOptions.of(100, ResizeMode.KEEP_RATIO), false, false, false, limits)
        .resize().imageSize());
    assertEquals(100_000, new ImageProcessing(ResizeOptions.of(100_000, ResizeMode.NO), false, false, false, limits)
        .resize().imageSize());
  }
}
