package org.evshard.transforms.curate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.evshard.transforms.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The banding pipeline (keys, group by key, pairs per bucket) finds exactly the pairs a brute force over all pairs
 * finds, each once, on 2,000 random hashes plus planted near copies at distances 1..t (must be found) and t+1 (must
 * not be).
 */
class HashBandsTest {

  @ParameterizedTest(name = "t={0}")
  @ValueSource(ints = {3, 5, 1, 0, 7})
  void bandingFindsExactlyTheBruteForcePairs(int t) {
    SplittableRandom rnd = new SplittableRandom(100 + t);
    List<Long> list = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      list.add(rnd.nextLong());
    }
    List<long[]> planted = new ArrayList<>(); // {original index, copy index, distance}
    for (int i = 0; i < 300; i++) {
      int src = rnd.nextInt(2000);
      int dist = 1 + rnd.nextInt(t + 1); // 1..t+1; t+1 must not be found
      list.add(flipBits(list.get(src), dist, rnd));
      planted.add(new long[] {src, list.size() - 1, dist});
    }
    for (int i = 0; i < 20; i++) { // exact copies
      int src = rnd.nextInt(2000);
      list.add(list.get(src));
      planted.add(new long[] {src, list.size() - 1, 0});
    }
    long[] hashes = list.stream().mapToLong(Long::longValue).toArray();

    HashBands bands = HashBands.forThreshold(t);
    assertEquals(t + 1, bands.bandCount());
    // GroupByKey
    Map<Long, List<Integer>> buckets = new HashMap<>();
    for (int i = 0; i < hashes.length; i++) {
      for (long key : bands.keys(hashes[i])) {
        buckets.computeIfAbsent(key, x -> new ArrayList<>()).add(i);
      }
    }
    List<Long> found = new ArrayList<>();
    for (Map.Entry<Long, List<Integer>> b : buckets.entrySet()) {
      List<Integer> members = b.getValue();
      long[] local = new long[members.size()];
      for (int j = 0; j < local.length; j++) {
        local[j] = hashes[members.get(j)];
      }
      int[] pairs = bands.pairsInBucket(bands.bandOf(b.getKey()), local);
      for (int p = 0; p < pairs.length; p += 2) {
        int a = members.get(pairs[p]);
        int c = members.get(pairs[p + 1]);
        found.add(pairKey(Math.min(a, c), Math.max(a, c)));
      }
    }
    Set<Long> foundSet = new HashSet<>(found);
    assertEquals(found.size(), foundSet.size(), "a pair was reported by more than one bucket");

    Set<Long> brute = new HashSet<>();
    for (int i = 0; i < hashes.length; i++) {
      for (int j = i + 1; j < hashes.length; j++) {
        if (Long.bitCount(hashes[i] ^ hashes[j]) <= t) {
          brute.add(pairKey(i, j));
        }
      }
    }
    assertEquals(brute, foundSet);
    for (long[] p : planted) {
      assertEquals(p[2], Long.bitCount(hashes[(int) p[0]] ^ hashes[(int) p[1]]));
      assertEquals(p[2] <= t, foundSet.contains(pairKey(p[0], p[1])), "planted pair at distance " + p[2]);
    }
    long nearMisses = planted.stream().filter(p -> p[2] == t + 1).count();
    assertTrue(nearMisses > 0, "the test planted no pair at distance t + 1");
  }

  @Test
  void bandsCoverAllBitsMostSignificantFirst() {
    HashBands b3 = HashBands.forThreshold(3);
    long h = 0x0123456789abcdefL;
    assertEquals(0x0123L, b3.bandValue(h, 0));
    assertEquals(0xcdefL, b3.bandValue(h, 3));
    assertEquals((3L << 32) | 0xcdefL, b3.key(h, 3));
    assertEquals(3, b3.bandOf(b3.key(h, 3)));
    // t = 4: 5 bands of 13, 13, 13, 13, 12 bits cover 64 bits exactly
    HashBands b4 = HashBands.forThreshold(4);
    long rebuilt = 0;
    int[] widths = {13, 13, 13, 13, 12};
    for (int band = 0; band < 5; band++) {
      rebuilt = (rebuilt << widths[band]) | b4.bandValue(-1L ^ 0x5555L, band);
    }
    assertEquals(-1L ^ 0x5555L, rebuilt);
    HashBands b0 = HashBands.forThreshold(0);
    assertEquals(h, b0.key(h, 0));
    assertThrows(InvalidParameterException.class, () -> HashBands.forThreshold(64));
    assertThrows(InvalidParameterException.class, () -> HashBands.forThreshold(-1));
    // 3 differing bits in band 3: bands 0..2 agree, the pair belongs to band 0's bucket only
    assertArrayEquals(new int[] {0, 1}, b3.pairsInBucket(0, new long[] {h, h ^ 0x7}));
    assertArrayEquals(new int[0], b3.pairsInBucket(1, new long[] {h, h ^ 0x7}));
    assertArrayEquals(new int[0], b3.pairsInBucket(0, new long[] {h, h ^ 0xF})); // 4 bits > t
  }

  private static long pairKey(long i, long j) {
    return i * 1_000_000L + j;
  }

  private static long flipBits(long h, int count, SplittableRandom rnd) {
    long mask = 0;
    while (Long.bitCount(mask) < count) {
      mask |= 1L << rnd.nextInt(64);
    }
    return h ^ mask;
  }
}
