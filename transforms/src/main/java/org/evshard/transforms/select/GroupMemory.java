package org.evshard.transforms.select;

/**
 * Bytes one group needs while a selection kernel of this package runs on it, and the check against a limit. No kernel
 * here builds an {@code n x n} matrix, so the need is linear in {@code n}: the float features ({@code 4 n d}), the L2
 * normalised copy the similarity-based kernels make ({@code 4 n d}), and at most {@link #BYTES_PER_ROW} bytes of
 * per-row state (gains, bounds, distances, indices, heap entries), plus {@code 8 d} bytes per running sum vector.
 */
public final class GroupMemory {

  /** Upper bound of the per-row working state of the most demanding kernel (lazy greedy: bounds, heap, stamps). */
  public static final long BYTES_PER_ROW = 64;

  private GroupMemory() {}

  /** Bytes a group of {@code n} rows of dimension {@code d} needs, features included. */
  public static long bytesNeeded(long n, long d) {
    if (n < 0 || d < 1) {
      throw org.evshard.transforms.InvalidParameterException.of("group memory", "n, d", "n >= 0 and d >= 1",
          n + ", " + d);
    }
    return Math.addExact(Math.multiplyExact(8L * d, n), Math.addExact(Math.multiplyExact(BYTES_PER_ROW, n), 32L * d));
  }

  /** Throws {@link GroupTooLargeException} when {@link #bytesNeeded} exceeds {@code limitBytes}; returns the need. */
  public static long requireWithin(String group, long n, long d, long limitBytes) {
    long need = bytesNeeded(n, d);
    if (need > limitBytes) {
      throw new GroupTooLargeException("group " + group + ": " + n + " rows x " + d + " dims need " + need
          + " bytes, more than the limit of " + limitBytes + " bytes");
    }
    return need;
  }
}
