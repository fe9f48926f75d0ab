package org.evshard.transforms;

/**
 * {@code (double) v} for the kernel loops, without the CPU's integer-to-double instruction where it can be avoided.
 *
 * <p>Why: x86's {@code cvtsi2sd}, which C2 in JDK 17 emits for {@code (double) v}, writes only the low half of its
 * register and so waits for the register's previous value. In a kernel loop that register often last held a result
 * of the previous event (a division, a product), which chains every event to the one before: the voxel grid's loop
 * stayed at 66-75 M events/s with it and runs at 120-230 without it (docs/BENCHMARKS.md, session 9). Moving the bits into a register ({@code movq}) has no such dependency, and for {@code 0 <= v < 2^52} the
 * double with exponent 52 and mantissa {@code v} is exactly {@code 2^52 + v}, so subtracting {@code 2^52} gives
 * {@code v} exactly. Other values (negative timestamps, values of 2^52 and more) take {@code (double) v}: the result
 * is always the same as {@code (double) v}.
 */
public final class LongToDouble {

  private static final long EXPONENT_52 = 0x4330000000000000L;
  private static final double TWO_52 = 0x1p52;
  private static final long TWO_51 = 1L << 51;
  private static final double ONE_AND_HALF_TWO_52 = 0x1.8p52;

  private LongToDouble() {}

  /** Exactly {@code (double) v}. */
  public static double convert(long v) {
    if (v >>> 52 == 0) { // 0 <= v < 2^52: the common case, a predictable branch
      return Double.longBitsToDouble(v | EXPONENT_52) - TWO_52;
    }
    return v;
  }

  /**
   * Exactly {@code (double) v}, the fast way also for negative values: for {@code -2^51 <= v < 2^51} the double with
   * exponent 52 and mantissa {@code v + 2^51} is {@code 2^52 + 2^51 + v}, from which {@code 1.5 * 2^52} is subtracted
   * exactly.
   */
  public static double convertSigned(long v) {
    long biased = v + TWO_51;
    if (biased >>> 52 == 0) {
      return Double.longBitsToDouble(biased | EXPONENT_52) - ONE_AND_HALF_TWO_52;
    }
    return v;
  }
}
