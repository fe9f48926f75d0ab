package org.evshard.transforms.select;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * {@code random}: the {@code k} samples whose seeded hash of the sample id is smallest. Because the choice depends only
 * on each id and the seed, a sample's fate does not change when other samples join or leave the group, and any
 * partitioning of the work gives the same answer.
 *
 * <p>Hash: FNV-1a 64 over the id's UTF-8 bytes, then {@code h = mix64(fnv ^ mix64(seed))} with SplitMix64's
 * finaliser. Order: ascending {@code h} as an unsigned 64-bit number, ties (equal hashes) by {@link String#compareTo}
 * of the id, then by row index. Score: {@code (h >>> 11) / 2^53}, the hash as a number in [0, 1).
 */
public final class RandomSelection {

  static final String NAME = "random";

  private RandomSelection() {}

  /** Selects exactly {@code k} of the {@code ids.length} rows. */
  public static Selection select(String[] ids, int k, long seed) {
    Budget.check(NAME, k, ids.length);
    int n = ids.length;
    long[] h = new long[n];
    for (int i = 0; i < n; i++) {
      h[i] = hash(ids[i], seed);
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.<Integer>comparingLong(i -> h[i] ^ Long.MIN_VALUE) // unsigned order
        .thenComparing(i -> ids[i]).thenComparingInt(i -> i));
    int[] idx = new int[k];
    double[] score = new double[k];
    for (int r = 0; r < k; r++) {
      idx[r] = order[r];
      score[r] = (h[idx[r]] >>> 11) * 0x1.0p-53;
    }
    return new Selection(NAME, idx, score);
  }

  /** The seeded 64-bit hash of one id (see the class comment). */
  public static long hash(String id, long seed) {
    long f = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      f ^= b & 0xff;
      f *= 0x100000001b3L;
    }
    return SeededRandom.mix64(f ^ SeededRandom.mix64(seed));
  }
}
