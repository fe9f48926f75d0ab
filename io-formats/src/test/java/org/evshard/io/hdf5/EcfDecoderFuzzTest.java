package org.evshard.io.hdf5;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The ECF decoder either returns the records of exactly the events a chunk declares or throws
 * {@link EcfFormatException}; anything else escaping (an index out of bounds, a huge allocation) is a bug. Seeds: three
 * chunks written by Prophesee's own plugin (copies of test resources {@code ecf/chunks/}, scripts/MakeEcfFixtures.py),
 * one per layout. Each input goes through the decoder with the largest chunk and with a chunk of 100 events, and
 * through the HDF5 filter.
 */
class EcfDecoderFuzzTest {

  @FuzzTest
  void decodesAnyBytes(byte[] input) {
    for (int max : new int[] {EcfDecoder.MAX_EVENTS, 100}) {
      try {
        byte[] out = EcfDecoder.decode(input, max);
        int n = EcfDecoder.declaredEvents(input);
        if (n > max || out.length != n * EcfDecoder.RECORD_BYTES) {
          throw new AssertionError("decoded " + out.length + " bytes, the chunk declares " + n + " events");
        }
      } catch (EcfFormatException expected) {
        // a typed error is a valid outcome
      }
    }
    try {
      new EcfFilter().decode(input, new int[0]);
    } catch (EcfFormatException expected) {
      // typed
    }
  }
}
