package org.evshard.io.atis;

/**
 * A vector loop over ATIS {@code .bin} records for {@link AtisBinReader}: it decodes whole groups of {@link #GROUP}
 * records and stops before a group that holds an overflow marker, which the reader's scalar loop then takes (only
 * that loop moves the time base). {@link #forBits} picks the loop for the vector width
 * {@link org.evshard.io.vector.VectorKernels#BITS} chose for this JVM.
 */
interface AtisBinVectorDecoder {

  /** Records per group: a call stops before a group of this many that holds a marker. */
  int GROUP = 8;

  /**
   * Decodes records from {@code b[o..]}, at most {@code records}, into the columns from index {@code j}, with time
   * base {@code base}; stops before the first group that holds an overflow marker, and where the loop's next step
   * would read past {@code b}.
   *
   * @return the records decoded, each one event; a multiple of {@link #GROUP}
   */
  int decode(byte[] b, int o, int records, short[] xs, short[] ys, long[] ts, boolean[] ps, int j, long base);

  /** The loop for 512-bit or 256-bit vectors; one instance per reader (a loop may hold scratch space). */
  static AtisBinVectorDecoder forBits(int bits) {
    switch (bits) {
      case 512:
        return new AtisBin512Decoder();
      case 256:
        return new AtisBin256Decoder();
      default:
        throw new IllegalArgumentException("no ATIS vector loop for " + bits + "-bit vectors; there are 256 and 512");
    }
  }
}
