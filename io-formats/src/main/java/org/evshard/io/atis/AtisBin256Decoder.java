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
 * The record loop of {@link AtisBinReader} on 256-bit vectors (AVX2), in steps of 32 records (160 bytes). A group of
 * eight records is two 32-byte loads, four records each (20 bytes used of 32):
 * <ul>
 *   <li>x and y: each load's bytes 0 and 1 of its four records are permuted into 16-bit lanes, x into lanes 0..7 and
 *       y into lanes 8..15 of one vector (the two loads' permutes blended, the high bytes masked off); its low half
 *       is stored into {@code xs}, its high half into {@code ys}, eight values each;</li>
 *   <li>t: each load is permuted so that every 64-bit lane holds one record's bytes 4, 3, 2 in little-endian order;
 *       the low 23 bits plus the time base are stored into {@code ts}, four values per load;</li>
 *   <li>polarity: bit 7 of each record's byte 2, gathered once per step from five loads into 32 bytes of 0/1 and
 *       stored eight per 8-byte write by {@link BooleanStores}.</li>
 * </ul>
 * JDK 17 compiles the 32-byte permutes on AVX2 to a few in-lane shuffles each, which is why this loop needs no
 * {@code avx512vbmi}. Stores are exactly eight values per column and group, so nothing is written past the events
 * decoded. A group whose y lanes hold 240 (an overflow marker) ends the call with the groups before it complete,
 * polarities included. Used where {@link org.evshard.io.vector.VectorKernels#BITS} is 256. One instance per reader:
 * it holds a scratch array.
 */
final class AtisBin256Decoder implements AtisBinVectorDecoder {

  private static final VectorSpecies<Byte> BYTES = ByteVector.SPECIES_256;
  private static final VectorSpecies<Short> HALF = ShortVector.SPECIES_128;
  private static final int RECORD = AtisBinReader.RECORD_BYTES;
  private static final int LOAD = 32;
  /** Records per load. */
  private static final int QUARTER = 4;
  static final int STEP = 32;
  /** Bytes a step reads from its start: the last group's second load begins at 3 * 40 + 20 and is 32 bytes long. */
  static final int STEP_SPAN = (STEP / GROUP - 1) * GROUP * RECORD + QUARTER * RECORD + LOAD;
  private static final VectorShuffle<Byte> TO_LANES = AtisBinShuffles.toLanes(BYTES);
  private static final VectorShuffle<Byte> XY_FIRST = xy(0);
  private static final VectorShuffle<Byte> XY_SECOND = xy(QUARTER);
  /** The 16-bit lanes 4..7 and 12..15, as bytes: where the second load's x and y go. */
  private static final VectorMask<Byte> SECOND = VectorMask.fromLong(BYTES, 0xFF00FF00L);
  /** The 16-bit lanes that hold y. */
  private static final VectorMask<Short> Y_LANES = VectorMask.fromLong(ShortVector.SPECIES_256, 0xFF00L);
  private static final VectorShuffle<Byte>[] POLARITY_FROM = AtisBinShuffles.polarityFrom(BYTES);
  private static final VectorMask<Byte>[] POLARITY_IN = AtisBinShuffles.polarityIn(BYTES);

  /** One step's polarities as 0/1 bytes, eight per long. */
  private final long[] polarities = new long[STEP / 8];

  /**
   * The low byte of 16-bit lane {@code first + r} takes x of the load's record {@code r}, that of lane
   * {@code 8 + first + r} its y; high bytes pick byte 0 and are masked off after the blend.
   */
  private static VectorShuffle<Byte> xy(int first) {
    int[] index = new int[LOAD];
    for (int r = 0; r < QUARTER; r++) {
      index[2 * (first + r)] = RECORD * r;
      index[2 * (GROUP + first + r)] = RECORD * r + 1;
    }
    return VectorShuffle.fromArray(BYTES, index, 0);
  }

  /** As the interface says, in steps of 32 records whose {@link #STEP_SPAN} bytes lie inside {@code b}. */
  @Override
  public int decode(byte[] b, int o, int records, short[] xs, short[] ys, long[] ts, boolean[] ps, int j,
      long base) {
    int done = 0;
    while (done + STEP <= records && o + STEP_SPAN <= b.length) {
      int stepStart = o;
      for (int g = 0; g < STEP / GROUP; g++) {
        ByteVector first = ByteVector.fromArray(BYTES, b, o);
        ByteVector second = ByteVector.fromArray(BYTES, b, o + QUARTER * RECORD);
        ShortVector xy = first.rearrange(XY_FIRST).blend(second.rearrange(XY_SECOND), SECOND).reinterpretAsShorts()
            .and((short) 0xFF);
        if (xy.compare(VectorOperators.EQ, (short) AtisBinReader.OVERFLOW_Y, Y_LANES).anyTrue()) {
          for (int r = 0, at = stepStart + 2; r < g * GROUP; r++, at += RECORD) { // this step's polarities so far
            ps[j - g * GROUP + r] = b[at] < 0;
          }
          return done + g * GROUP;
        }
        first.rearrange(TO_LANES).reinterpretAsLongs().and(AtisBinReader.MAX_RAW_TIMESTAMP).add(base)
            .intoArray(ts, j);
        second.rearrange(TO_LANES).reinterpretAsLongs().and(AtisBinReader.MAX_RAW_TIMESTAMP).add(base)
            .intoArray(ts, j + QUARTER);
        ((ShortVector) xy.reinterpretShape(HALF, 0)).intoArray(xs, j);
        ((ShortVector) xy.reinterpretShape(HALF, 1)).intoArray(ys, j);
        o += GROUP * RECORD;
        j += GROUP;
      }
      ByteVector p = ByteVector.fromArray(BYTES, b, stepStart).rearrange(POLARITY_FROM[0]);
      for (int l = 1; l < AtisBinShuffles.STEP_LOADS; l++) {
        p = p.blend(ByteVector.fromArray(BYTES, b, stepStart + LOAD * l).rearrange(POLARITY_FROM[l]),
            POLARITY_IN[l]);
      }
      // bit 7 of byte 2 is ON: as 0/1 bytes, eight booleans per long
      p.lanewise(VectorOperators.LSHR, 7).reinterpretAsLongs().intoArray(polarities, 0);
      BooleanStores.putLongs(ps, j - STEP, polarities, STEP / 8);
      done += STEP;
    }
    return done;
  }
}
