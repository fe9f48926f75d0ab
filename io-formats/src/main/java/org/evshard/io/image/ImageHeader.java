package org.evshard.io.image;

/**
 * What an encoded image's header says, read without decoding pixels: the format and the size in pixels.
 *
 * @param format the container format
 * @param width width in pixels, at least 1
 * @param height height in pixels, at least 1
 */
public record ImageHeader(ImageFormat format, int width, int height) {

  /** Width times height, the number a decompression-bomb limit is checked against. */
  public long pixels() {
    return (long) width * height;
  }
}
