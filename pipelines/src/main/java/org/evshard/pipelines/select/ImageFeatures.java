package org.evshard.pipelines.select;

import org.evshard.io.image.DecodedImage;
import org.evshard.io.image.GrayThumbnail;
import org.evshard.io.image.ImageDecoder;
import org.evshard.io.shard.ImageRow;
import org.evshard.transforms.curate.PerceptualHash;
import org.evshard.transforms.select.PerceptualHashFeatures;
import org.evshard.transforms.select.PixelFeatures;
import org.evshard.transforms.select.RandomConvNet;

/**
 * Features of an image shard row: the pixels come from the row's decoded {@code tensor} when the shard holds one,
 * else from decoding the encoded {@code image} (OpenCV, default limits). {@code convnet} feeds the image averaged to
 * 32 x 32 RGB (grey repeated, {@link ConvNetPixels}) into a seeded random ConvNet ({@link RandomConvNet#cifar});
 * {@code phash} uses the Pillow-exact thumbnail and imagehash's pHash. One instance per worker thread (not thread
 * safe).
 */
final class ImageFeatures {

  private final long seed;
  private final ImageDecoder decoder = ImageDecoder.withDefaults();
  private RandomConvNet convnet;

  ImageFeatures(long seed) {
    this.seed = seed;
  }

  float[] pixels(ImageRow row, int s) {
    Pixels p = pixelsOf(row);
    return PixelFeatures.downsample(p.hwc, p.height, p.width, p.channels, s);
  }

  float[] convnet(ImageRow row) {
    if (convnet == null) {
      convnet = RandomConvNet.cifar(seed);
    }
    byte[] rgb = ConvNetPixels.rgb(row, decoder, 32);
    return convnet.embed(rgb);
  }

  float[] phash(ImageRow row) {
    try (DecodedImage image = decoder.decode(row.image(), row.source())) {
      return PerceptualHashFeatures.bits(PerceptualHash.hash(GrayThumbnail.of(image, PerceptualHash.SIDE)));
    }
  }

  private Pixels pixelsOf(ImageRow row) {
    if (row.tensor() != null) {
      int[] s = row.tensorShape();
      return new Pixels(row.tensor(), s[0], s[1], s[2]);
    }
    try (DecodedImage image = decoder.decode(row.image(), row.source())) {
      return new Pixels(image.toInterleavedRgb(), image.height(), image.width(), image.channels());
    }
  }

  private record Pixels(byte[] hwc, int height, int width, int channels) {}
}
