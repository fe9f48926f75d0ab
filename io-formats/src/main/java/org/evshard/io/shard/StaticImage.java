package org.evshard.io.shard;

import java.util.Arrays;
import java.util.Objects;

/**
 * The static image paired with an event sample (the Transfer-for-DVS recipe): raw 8-bit pixels, row-major,
 * channel-interleaved ({@code H x W x C}, RGB when {@code C = 3}, the HSV value channel when {@code C = 1}), stored in
 * the same shard row as the events ({@link ShardLayout#staticPartner()}).
 *
 * @param source path of the image relative to the static corpus root, with '/' separators
 * @param labelName class of the image in the static corpus
 * @param pixels {@code height * width * channels} bytes; read only
 */
public record StaticImage(String source, String labelName, int width, int height, int channels, byte[] pixels) {

  public StaticImage {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(labelName, "labelName");
    Objects.requireNonNull(pixels, "pixels");
    if (width <= 0 || height <= 0 || (channels != 1 && channels != 3)
        || (long) width * height * channels != pixels.length) {
      throw new IllegalArgumentException("static image " + source + ": " + width + "x" + height + "x" + channels
          + " with " + pixels.length + " bytes (channels must be 1 or 3, bytes = width * height * channels)");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StaticImage s && source.equals(s.source) && labelName.equals(s.labelName)
        && width == s.width && height == s.height && channels == s.channels && Arrays.equals(pixels, s.pixels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, labelName, width, height, channels) * 31 + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "StaticImage[" + source + ", " + labelName + ", " + width + "x" + height + "x" + channels + "]";
  }
}
