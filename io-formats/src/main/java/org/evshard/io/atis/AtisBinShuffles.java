package org.evshard.io.atis;

import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The constant permutes of the ATIS vector loops, for a byte species of {@code L} lanes (64 or 32). A step of those
 * loops is {@code L} records, {@code 5 L} bytes: five loads of {@code L} bytes hold its polarity bytes. Built once per
 * loop class; the loops themselves stay separate, so that each JIT-compiled loop sees one species only.
 */
final class AtisBinShuffles {

  /** Loads of one vector that hold a step's records. */
  static final int STEP_LOADS = AtisBinReader.RECORD_BYTES;

  private AtisBinShuffles() {}

  /**
   * Lane byte {@code k} of 64-bit lane {@code r} (little endian) takes byte {@code 4 - k} of the load's record
   * {@code r}, so that the lane holds the big-endian record in its low 40 bits; bytes 5..7 take byte 0.
   */
  static VectorShuffle<Byte> toLanes(VectorSpecies<Byte> bytes) {
    int[] index = new int[bytes.length()];
    for (int r = 0; r < bytes.length() / 8; r++) {
      for (int k = 0; k < 8; k++) {
        index[8 * r + k] = AtisBinReader.RECORD_BYTES * r + (k < 5 ? 4 - k : 0);
      }
    }
    return VectorShuffle.fromArray(bytes, index, 0);
  }

  /** Lane {@code r} of load {@code l}'s shuffle picks record {@code r}'s byte 2 where that byte lies in load l. */
  @SuppressWarnings("unchecked")
  static VectorShuffle<Byte>[] polarityFrom(VectorSpecies<Byte> bytes) {
    int lanes = bytes.length();
    VectorShuffle<Byte>[] out = new VectorShuffle[STEP_LOADS];
    for (int l = 0; l < STEP_LOADS; l++) {
      int[] index = new int[lanes];
      for (int r = 0; r < lanes; r++) {
        int at = AtisBinReader.RECORD_BYTES * r + 2 - lanes * l;
        index[r] = at >= 0 && at < lanes ? at : 0;
      }
      out[l] = VectorShuffle.fromArray(bytes, index, 0);
    }
    return out;
  }

  /** Lane {@code r} of load {@code l}'s mask is set when record {@code r}'s byte 2 lies in load l. */
  @SuppressWarnings("unchecked")
  static VectorMask<Byte>[] polarityIn(VectorSpecies<Byte> bytes) {
    int lanes = bytes.length();
    VectorMask<Byte>[] out = new VectorMask[STEP_LOADS];
    for (int l = 0; l < STEP_LOADS; l++) {
      boolean[] in = new boolean[lanes];
      for (int r = 0; r < lanes; r++) {
        in[r] = (AtisBinReader.RECORD_BYTES * r + 2) / lanes == l;
      }
      out[l] = VectorMask.fromArray(bytes, in, 0);
    }
    return out;
  }
}
