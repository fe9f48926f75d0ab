package org.evshard.io.image;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.evshard.io.error.EvshardIoException;

/** The header probe either returns a positive size or throws an {@link EvshardIoException}; nothing else escapes. */
class ImageHeaderProbeFuzzTest {

  @FuzzTest
  void probesAnyBytes(byte[] input) {
    try {
      ImageHeader h = ImageHeaderProbe.probe(input, "fuzz", ImageLimits.defaults());
      if (h.width() < 1 || h.height() < 1 || h.pixels() > ImageLimits.PIL_MAX_IMAGE_PIXELS) {
        throw new AssertionError("impossible header " + h);
      }
    } catch (EvshardIoException expected) {
      // content error
    }
  }
}
