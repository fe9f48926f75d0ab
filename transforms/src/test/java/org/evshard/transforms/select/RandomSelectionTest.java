package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RandomSelectionTest {

  @ParameterizedTest
  @CsvSource({"100, 10, 1", "100, 0, 2", "57, 57, 3", "1000, 333, 4"})
  void exactlyTheKSmallestHashes(int n, int k, long seed) {
    String[] ids = ids(n);
    Selection s = RandomSelection.select(ids, k, seed);
    assertEquals(k, s.size());
    Set<Integer> chosen = new HashSet<>();
    for (int i : s.indices()) {
      chosen.add(i);
    }
    assertEquals(k, chosen.size());
    long maxChosen = Long.MIN_VALUE;
    for (int i : s.indices()) {
      maxChosen = Math.max(maxChosen, RandomSelection.hash(ids[i], seed) ^ Long.MIN_VALUE);
    }
    for (int i = 0; i < n; i++) {
      if (!chosen.contains(i)) {
        assertTrue((RandomSelection.hash(ids[i], seed) ^ Long.MIN_VALUE) >= maxChosen, "row " + i);
      }
    }
    for (int r = 1; r < k; r++) {
      assertTrue(s.score(r - 1) <= s.score(r));
    }
    assertEquals(s, RandomSelection.select(ids, k, seed));
  }

  @ParameterizedTest
  @CsvSource({"200, 20"})
  void seedsDifferAndAChosenIdStaysChosenInASubgroup(int n, int k) {
    String[] ids = ids(n);
    Selection a = RandomSelection.select(ids, k, 1);
    assertNotEquals(Arrays.toString(a.indices()), Arrays.toString(RandomSelection.select(ids, k, 2).indices()));
    // drop the 100 ids with the largest row numbers that were not chosen: the choice among the rest is unchanged
    Set<String> chosen = new HashSet<>();
    for (int i : a.indices()) {
      chosen.add(ids[i]);
    }
    String[] sub = Arrays.stream(ids).filter(id -> chosen.contains(id) || id.hashCode() % 2 == 0).toArray(String[]::new);
    Selection b = RandomSelection.select(sub, k, 1);
    Set<String> chosenSub = new HashSet<>();
    for (int i : b.indices()) {
      chosenSub.add(sub[i]);
    }
    assertEquals(chosen, chosenSub);
  }

  private static String[] ids(int n) {
    String[] ids = new String[n];
    for (int i = 0; i < n; i++) {
      ids[i] = "sample-" + i + ".jpg";
    }
    return ids;
  }
}
