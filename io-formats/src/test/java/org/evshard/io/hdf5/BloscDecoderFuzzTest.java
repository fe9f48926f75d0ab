package org.evshard.io.hdf5;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The Blosc decoder either returns exactly the bytes a chunk declares or throws {@link BloscFormatException} (or
 * {@link BloscCodecUnsupportedException} for Snappy); anything else escaping is a bug. Seeds: python-blosc chunks of
 * every codec and shuffle (copies of test resources {@code blosc/chunks/}, scripts/MakeBloscFixtures.py). Each input
 * goes through the decoder and through the HDF5 filter with a chunk size of the input's length (where a chunk that is
 * no Blosc chunk of that size passes through unchanged) and of 1 MiB.
 */
class BloscDecoderFuzzTest {

  private static final int LIMIT = 4 << 20;

  @FuzzTest
  void decodesAnyBytes(byte[] input) {
    try {
      byte[] out = BloscDecoder.decode(input, LIMIT);
      int nbytes = BloscHeader.read(input).nbytes();
      if (out.length != nbytes) {
        throw new AssertionError("decoded " + out.length + " bytes, the header declares " + nbytes);
      }
    } catch (BloscFormatException | BloscCodecUnsupportedException expected) {
      // a typed error is a valid outcome
    }
    for (int chunkBytes : new int[] {input.length, 1 << 20}) {
      try {
        byte[] out = new BloscFilter().decode(input, new int[] {2, 2, 1, chunkBytes, 5, 0, 0});
        if (out.length > Math.max(chunkBytes, input.length)) {
          throw new AssertionError("decoded " + out.length + " bytes from a chunk of " + chunkBytes);
        }
      } catch (BloscFormatException | BloscCodecUnsupportedException expected) {
        // typed
      }
    }
  }
}
