package org.evshard.io.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.evshard.io.error.EvshardIoException;

/**
 * The whole decode of an image sample from any bytes, as the image pipelines run it on every downloaded or tarred
 * image: the header probe, the JPEG completeness walk ({@link JpegStructure}), OpenCV's {@code imdecode}, 16-bit
 * scaling and alpha matting. Either an image of exactly the probed size with 1 or 3 channels and
 * {@code width * height * channels} interleaved bytes, or an {@link EvshardIoException}; nothing else escapes.
 * Seeds ({@code ImageDecoderFuzzTestInputs/decodesAnyBytes}, written by {@code scripts/MakeImageFuzzSeeds.java}):
 * small JPEG, PNG (gray, gray + alpha, RGB, RGBA, 16-bit) and WebP images, and a JPEG cut before its end.
 *
 * <p>The limits are the defaults with at most 2^20 pixels, so that a mutated header that declares a large image
 * (which the defaults allow up to PIL's 89 M pixels) costs milliseconds, not seconds, per input.
 */
class ImageDecoderFuzzTest {

  private static final ImageLimits LIMITS = ImageLimits.defaults().withMaxPixels(1 << 20);
  private static final ImageDecoder DECODER = new ImageDecoder(LIMITS);

  @FuzzTest
  void decodesAnyBytes(byte[] input) {
    ImageHeader header;
    try {
      header = ImageHeaderProbe.probe(input, "fuzz", LIMITS);
    } catch (EvshardIoException expected) {
      return; // not an image of a supported format, or over the limits
    }
    try (DecodedImage image = DECODER.decode(input, "fuzz", header)) {
      int w = image.width();
      int h = image.height();
      int c = image.channels();
      if (w != header.width() || h != header.height()) {
        throw new AssertionError("decoded " + w + "x" + h + ", the header says " + header.width() + "x"
            + header.height());
      }
      if (c != 1 && c != 3) {
        throw new AssertionError(c + " channels after matting");
      }
      int bytes = image.toInterleavedRgb().length;
      if (bytes != w * h * c) {
        throw new AssertionError(bytes + " interleaved bytes for " + w + "x" + h + "x" + c);
      }
    } catch (EvshardIoException expected) {
      // content error: corrupt, truncated, or a size other than the header's
    }
  }
}
