package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** CCS on hand-computed examples of the reference's {@code mislabel_mask}, strata and {@code bin_allocate}. */
class CoverageCentricSelectionTest {

  /**
   * Sizes 5, 1, 0, 3 and k = 6, visited by size: stratum 2 (0) gets min(0, 6/4 = 1) = 0; stratum 1 gets
   * min(1, 6/3 = 2) = 1; stratum 3 gets min(3, 5/2 = 2) = 2; stratum 0 gets min(5, 3/1) = 3.
   */
  @Test
  void allocateFillsFromTheSmallestStratumUp() {
    assertArrayEquals(new int[] {3, 1, 0, 2}, CoverageCentricSelection.allocate(6, new int[] {5, 1, 0, 3}));
    // every stratum too small: the budget cannot be met, as in the reference
    assertArrayEquals(new int[] {1, 2}, CoverageCentricSelection.allocate(10, new int[] {1, 2}));
  }

  /**
   * Scores (row: score) 0: .9, 1: .1, 2: .5, 3: .2, 4: .95, 5: .3, 6: .12, 7: .6, 8: .15, 9: .11; high = hard,
   * beta = 0.2 drops floor(2.0) = 2 rows: 4 and 0. Kept scores span [0.1, 0.6], upper = 0.6 * 1.0001 = 0.60006,
   * 2 strata of width 0.25003: [0.1, 0.35003) holds rows 1, 3, 5, 6, 8, 9; [0.35003, 0.60006) holds rows 2, 7.
   * k = 4: the smaller stratum first gets min(2, 4/2) = 2, the other min(6, 2/1) = 2. Output: two of the first
   * stratum, then rows 2 and 7 in some order.
   */
  @Test
  void handComputedExample() {
    double[] scores = {.9, .1, .5, .2, .95, .3, .12, .6, .15, .11};
    Selection s = CoverageCentricSelection.select(scores, 4, 0.2, 2, true, 42);
    assertEquals(4, s.size());
    Set<Integer> low = Set.of(1, 3, 5, 6, 8, 9);
    assertTrue(low.contains(s.index(0)) && low.contains(s.index(1)) && s.index(0) != s.index(1));
    assertEquals(Set.of(2, 7), Set.of(s.index(2), s.index(3)));
    for (int r = 0; r < 4; r++) {
      assertEquals(scores[s.index(r)], s.score(r));
    }
    // low = hard (AUM): drops rows 1 (.1) and 9 (.11); kept span [.12, .95], upper .950095, width .4150475:
    // [.12, .5350475) holds 2, 3, 5, 6, 8; the rest 0, 4, 7. k = 4 -> 2 + 2.
    Selection aum = CoverageCentricSelection.select(scores, 4, 0.2, 2, false, 42);
    Set<Integer> first = Set.of(2, 3, 5, 6, 8);
    Set<Integer> second = Set.of(0, 4, 7);
    assertTrue(first.contains(aum.index(0)) && first.contains(aum.index(1)));
    assertTrue(second.contains(aum.index(2)) && second.contains(aum.index(3)));
  }

  @Test
  void theMaximumFallsInTheLastStratumAndSeedsDrawDifferently() {
    double[] scores = new double[200];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = i % 10; // strata of 20 equal scores each
    }
    Selection s = CoverageCentricSelection.select(scores, 50, 0.0, 10, true, 1);
    // 10 strata of 20 rows: 50 / 10 = 5 each; stratum i holds score i
    for (int r = 0; r < 50; r++) {
      assertEquals(r / 5, s.score(r), "rank " + r);
    }
    assertEquals(s, CoverageCentricSelection.select(scores, 50, 0.0, 10, true, 1));
    assertNotEquals(Arrays.stream(s.indices()).boxed().collect(Collectors.toSet()),
        Arrays.stream(CoverageCentricSelection.select(scores, 50, 0.0, 10, true, 2).indices()).boxed()
            .collect(Collectors.toSet()));
    // all scores negative: the reference's max * 1.0001 would drop the maximum; ours keeps it
    double[] negative = Arrays.stream(scores).map(v -> v - 100).toArray();
    Selection n = CoverageCentricSelection.select(negative, 200, 0.0, 10, true, 1);
    assertEquals(200, n.size());
  }
}
