package org.evshard.transforms.select;

import java.util.SplittableRandom;

/**
 * The pseudo-random pieces every seeded kernel of this package uses, written out so that a seed gives the same numbers
 * on every JVM: {@link SplittableRandom} (its algorithm is fixed by its specification) for uniform draws, Box-Muller
 * on two of its doubles for Gaussians, a partial Fisher-Yates shuffle for sampling without replacement, and the
 * SplitMix64 finaliser for hashing.
 */
final class SeededRandom {

  private SeededRandom() {}

  /** A standard normal draw: Box-Muller, {@code sqrt(-2 ln u1) cos(2 pi u2)} with {@code u1} in (0, 1]. */
  static double gaussian(SplittableRandom rng) {
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
  }

  /**
   * The first {@code m} entries of a uniformly random permutation of {@code pool} (a partial Fisher-Yates shuffle on a
   * copy; {@code pool} is not changed).
   */
  static int[] sample(int[] pool, int m, SplittableRandom rng) {
    int[] a = pool.clone();
    for (int i = 0; i < m; i++) {
      int j = i + rng.nextInt(a.length - i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return java.util.Arrays.copyOf(a, m);
  }

  /** SplitMix64's finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mix. */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
