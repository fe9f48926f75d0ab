package org.evshard.io.atis;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.evshard.io.vector.BooleanStores;

/**
 * The record loop of {@link AtisBinReader} on 512-bit vectors, in steps of 64 records (320 bytes). Each group of eight
 * records is one 64-byte load and one byte permute that puts each 5-byte big-endian record into the low 40 bits of a
 * 64-bit lane; lane-wise shifts and masks give x, y and t, stored eight at a time. The polarities of all 64 records
 * are gathered from five loads into one byte vector of 0/1 values and stored eight at a time by {@link BooleanStores}
 * (JDK 17 has no vector store into a {@code boolean[]}; its mask stores build and copy an array per call, which took
 * half of the loop's time with eight-lane masks, a quarter with one 64-lane mask per step).
 *
 * <p>A group of eight that holds an overflow marker ({@code y == 240}) ends the call: the groups before it are
 * complete (polarities included), and the scalar loop of the reader, which alone moves the time base, takes that
 * group. Used where {@link org.evshard.io.vector.VectorKernels#BITS} is 512. One instance per reader: it holds a
 * scratch array.
 */
final class AtisBin512Decoder implements AtisBinVectorDecoder {

  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_512;
  private static final VectorSpecies<Short> SHORTS = ShortVector.SPECIES_128;
  private static final int RECORD = AtisBinReader.RECORD_BYTES;
  private static final int STEP = 64;
  /** Bytes a step reads from its start: the last group's load begins at 7 * 40 and is 64 bytes long. */
  static final int STEP_SPAN = (STEP / GROUP - 1) * GROUP * RECORD + 64;
  private static final VectorShuffle<Byte> TO_LANES = AtisBinShuffles.toLanes(BYTES);
  private static final VectorShuffle<Byte>[] POLARITY_FROM = AtisBinShuffles.polarityFrom(BYTES);
  private static final VectorMask<Byte>[] POLARITY_IN = AtisBinShuffles.polarityIn(BYTES);

  /** One step's polarities as 0/1 bytes, eight per long. */
  private final long[] polarities = new long[STEP / 8];

  /**
   * Decodes records from {@code b[o..]}, at most {@code records}, into the columns from index {@code j}, with time
   * base {@code base}, in steps of 64 whose {@link #STEP_SPAN} bytes lie inside {@code b}; stops before the first
   * group of eight that holds an overflow marker.
   *
   * @return the records decoded, each one event; a multiple of eight
   */
  @Override
  public int decode(byte[] b, int o, int records, short[] xs, short[] ys, long[] ts, boolean[] ps, int j,
      long base) {
    int done = 0;
    while (done + STEP <= records && o + STEP_SPAN <= b.length) {
      int stepStart = o;
      for (int g = 0; g < STEP / GROUP; g++) {
        LongVector v = ByteVector.fromArray(BYTES, b, o).rearrange(TO_LANES).reinterpretAsLongs();
        LongVector y = v.lanewise(VectorOperators.LSHR, 24).and(0xFFL);
        if (y.eq(AtisBinReader.OVERFLOW_Y).anyTrue()) {
          for (int r = 0, at = stepStart + 2; r < g * GROUP; r++, at += RECORD) { // this step's polarities so far
            ps[j - g * GROUP + r] = b[at] < 0;
          }
          return done + g * GROUP;
        }
        v.and(AtisBinReader.MAX_RAW_TIMESTAMP).add(base).intoArray(ts, j);
        y.convertShape(VectorOperators.L2S, SHORTS, 0).reinterpretAsShorts().intoArray(ys, j);
        v.lanewise(VectorOperators.LSHR, 32).and(0xFFL).convertShape(VectorOperators.L2S, SHORTS, 0)
            .reinterpretAsShorts().intoArray(xs, j);
        o += GROUP * RECORD;
        j += GROUP;
      }
      ByteVector p = ByteVector.fromArray(BYTES, b, stepStart).rearrange(POLARITY_FROM[0]);
      for (int l = 1; l < AtisBinShuffles.STEP_LOADS; l++) {
        p = p.blend(ByteVector.fromArray(BYTES, b, stepStart + 64 * l).rearrange(POLARITY_FROM[l]), POLARITY_IN[l]);
      }
      // bit 7 of byte 2 is ON: as 0/1 bytes, eight booleans per long
      p.lanewise(VectorOperators.LSHR, 7).reinterpretAsLongs().intoArray(polarities, 0);
      BooleanStores.putLongs(ps, j - STEP, polarities, STEP / 8);
      done += STEP;
    }
    return done;
  }
}
