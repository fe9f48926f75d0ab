package org.evshard.transforms.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.evshard.transforms.InvalidParameterException;
import org.junit.jupiter.api.Test;

/**
 * Union-find groups equal the connected components found by a breadth-first search over the pairs, and each group's
 * representative is the member with the most pixels, then the smallest id, found here by a plain scan of the
 * component.
 */
class DuplicateGroupsTest {

  @Test
  void groupsAreConnectedComponentsWithTheRuleRepresentative() {
    SplittableRandom rnd = new SplittableRandom(11);
    int n = 600;
    String[] ids = new String[n];
    long[] pixels = new long[n];
    for (int i = 0; i < n; i++) {
      ids[i] = String.format("%032x", rnd.nextLong() & Long.MAX_VALUE);
      pixels[i] = (long) (1 + rnd.nextInt(4)) * 40_000; // few distinct sizes: ties broken by id
    }
    int[] pairs = new int[2 * 500];
    for (int p = 0; p < pairs.length; p++) {
      pairs[p] = rnd.nextInt(n);
    }
    int[] before = pairs.clone();
    int[] rep = DuplicateGroups.representatives(ids, pixels, pairs);
    assertEquals(Arrays.toString(before), Arrays.toString(pairs));

    int[] component = components(n, pairs);
    for (int i = 0; i < n; i++) {
      int expected = -1;
      for (int j = 0; j < n; j++) {
        if (component[j] != component[i]) {
          continue;
        }
        if (expected < 0 || pixels[j] > pixels[expected]
            || (pixels[j] == pixels[expected] && ids[j].compareTo(ids[expected]) < 0)) {
          expected = j;
        }
      }
      assertEquals(expected, rep[i], "item " + i);
    }
    List<DuplicateOf> dups = DuplicateGroups.duplicates(ids, pixels, pairs);
    long removed = Arrays.stream(rep).filter(r -> r >= 0).count() - Arrays.stream(component).distinct().count();
    assertEquals(removed, dups.size());
    for (DuplicateOf d : dups) {
      assertTrue(!d.removedId().equals(d.keptId()));
    }
  }

  @Test
  void largestPixelsThenSmallestId() {
    String[] ids = {"b", "a", "c", "d"};
    long[] px = {100, 100, 50, 7};
    // 0-1-2 one group, 3 alone
    List<DuplicateOf> d = DuplicateGroups.duplicates(ids, px, new int[] {0, 1, 1, 2});
    assertEquals(List.of(new DuplicateOf("b", "a"), new DuplicateOf("c", "a")), d);
    long[] px2 = {100, 99, 50, 7};
    assertEquals(List.of(new DuplicateOf("a", "b"), new DuplicateOf("c", "b")),
        DuplicateGroups.duplicates(ids, px2, new int[] {2, 1, 0, 1}));
    assertEquals(List.of(), DuplicateGroups.duplicates(ids, px, new int[0]));
  }

  @Test
  void rejectsBadInput() {
    assertThrows(InvalidParameterException.class,
        () -> DuplicateGroups.representatives(new String[] {"a"}, new long[] {1}, new int[] {0}));
    assertThrows(InvalidParameterException.class,
        () -> DuplicateGroups.representatives(new String[] {"a"}, new long[] {1}, new int[] {0, 1}));
    assertThrows(InvalidParameterException.class,
        () -> DuplicateGroups.representatives(new String[] {"a", "b"}, new long[] {1}, new int[0]));
  }

  private static int[] components(int n, int[] pairs) {
    List<List<Integer>> adj = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      adj.add(new ArrayList<>());
    }
    for (int p = 0; p < pairs.length; p += 2) {
      adj.get(pairs[p]).add(pairs[p + 1]);
      adj.get(pairs[p + 1]).add(pairs[p]);
    }
    int[] comp = new int[n];
    Arrays.fill(comp, -1);
    int next = 0;
    for (int s = 0; s < n; s++) {
      if (comp[s] >= 0) {
        continue;
      }
      ArrayDeque<Integer> queue = new ArrayDeque<>();
      queue.add(s);
      comp[s] = next;
      while (!queue.isEmpty()) {
        int u = queue.poll();
        for (int v : adj.get(u)) {
          if (comp[v] < 0) {
            comp[v] = next;
            queue.add(v);
          }
        }
      }
      next++;
    }
    return comp;
  }
}
