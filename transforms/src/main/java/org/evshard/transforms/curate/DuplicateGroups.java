package org.evshard.transforms.curate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.evshard.transforms.InvalidParameterException;

/**
 * Turns duplicate pairs into groups (connected components, by union-find) with one representative each, chosen by
 * {@link RepresentativeRule}. Groups are transitive closures: with near-duplicate pairs (Hamming <= t) two members of
 * one group may be further apart than t through a chain of close pairs.
 */
public final class DuplicateGroups {

  public static final String NAME = "dedup";

  private DuplicateGroups() {}

  /**
   * For each item, the index of its group's representative (itself when it is kept or has no duplicate).
   *
   * @param ids unique ids of the items
   * @param pixels pixel count (width x height of the original) of each item
   * @param pairs flattened index pairs {@code [i0, j0, i1, j1, ...]}
   */
  public static int[] representatives(String[] ids, long[] pixels, int[] pairs) {
    int n = check(ids, pixels, pairs);
    int[] parent = new int[n];
    int[] size = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
      size[i] = 1;
    }
    for (int p = 0; p < pairs.length; p += 2) {
      int a = find(parent, pairs[p]);
      int b = find(parent, pairs[p + 1]);
      if (a != b) {
        if (size[a] < size[b]) {
          int s = a;
          a = b;
          b = s;
        }
        parent[b] = a;
        size[a] += size[b];
      }
    }
    int[] best = new int[n];
    Arrays.fill(best, -1);
    for (int i = 0; i < n; i++) {
      int root = find(parent, i);
      int cur = best[root];
      if (cur < 0 || RepresentativeRule.compare(pixels[i], ids[i], pixels[cur], ids[cur]) < 0) {
        best[root] = i;
      }
    }
    int[] rep = new int[n];
    for (int i = 0; i < n; i++) {
      rep[i] = best[find(parent, i)];
    }
    return rep;
  }

  /** One {@link DuplicateOf} per removed item, in item order. */
  public static List<DuplicateOf> duplicates(String[] ids, long[] pixels, int[] pairs) {
    int[] rep = representatives(ids, pixels, pairs);
    List<DuplicateOf> out = new ArrayList<>();
    for (int i = 0; i < rep.length; i++) {
      if (rep[i] != i) {
        out.add(new DuplicateOf(ids[i], ids[rep[i]]));
      }
    }
    return out;
  }

  private static int find(int[] parent, int x) {
    int root = x;
    while (parent[root] != root) {
      root = parent[root];
    }
    while (parent[x] != root) { // path compression
      int next = parent[x];
      parent[x] = root;
      x = next;
    }
    return root;
  }

  private static int check(String[] ids, long[] pixels, int[] pairs) {
    if (ids == null || pixels == null || pairs == null) {
      throw new InvalidParameterException(NAME + ": ids, pixels and pairs are required");
    }
    if (ids.length != pixels.length) {
      throw InvalidParameterException.of(NAME, "pixels", ids.length + " values (one per id)", pixels.length);
    }
    if (pairs.length % 2 != 0) {
      throw InvalidParameterException.of(NAME, "pairs", "an even number of indices", pairs.length);
    }
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == null) {
        throw InvalidParameterException.of(NAME, "ids[" + i + "]", "an id", "null");
      }
    }
    for (int p = 0; p < pairs.length; p++) {
      if (pairs[p] < 0 || pairs[p] >= ids.length) {
        throw InvalidParameterException.of(NAME, "pairs[" + p + "]", "an index in [0, " + ids.length + ")", pairs[p]);
      }
    }
    return ids.length;
  }
}
