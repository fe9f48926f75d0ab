package org.evshard.pipelines.select;

import org.evshard.io.image.DecodedImage;
import org.evshard.io.image.ImageDecoder;
import org.evshard.io.shard.ImageRow;
import org.evshard.transforms.select.PixelFeatures;

/**
 * The input of the random ConvNet for an image shard row: its pixels (the row's decoded {@code tensor} when the shard
 * holds one, else the encoded {@code image} decoded with OpenCV) area-averaged to {@code side x side}
 * ({@link PixelFeatures#downsample}) as 8-bit RGB, a grey image's channel repeated. Used by {@code select --features
 * convnet} and by {@code distill}.
 */
public final class ConvNetPixels {

  private ConvNetPixels() {}

  /** {@code side x side x 3} RGB bytes of {@code row}; decoding errors propagate from the decoder. */
  public static byte[] rgb(ImageRow row, ImageDecoder decoder, int side) {
    if (row.tensor() != null) {
      int[] s = row.tensorShape();
      return rgb(row.tensor(), s[0], s[1], s[2], side);
    }
    try (DecodedImage image = decoder.decode(row.image(), row.source())) {
      return rgb(image.toInterleavedRgb(), image.height(), image.width(), image.channels(), side);
    }
  }

  /** {@code side x side x 3} RGB bytes of an HWC 8-bit image with 1 or 3 channels. */
  public static byte[] rgb(byte[] hwc, int height, int width, int channels, int side) {
    float[] small = PixelFeatures.downsample(hwc, height, width, channels, side);
    byte[] rgb = new byte[side * side * 3];
    for (int i = 0; i < side * side; i++) {
      for (int c = 0; c < 3; c++) {
        float v = small[i * channels + (channels == 1 ? 0 : c)];
        rgb[i * 3 + c] = (byte) Math.round(Math.max(0f, Math.min(1f, v)) * 255f);
      }
    }
    return rgb;
  }
}
