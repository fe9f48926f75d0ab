package org.evshard.transforms.filter;

/** Stable time ordering of event indices. */
final class StableOrder {

  private StableOrder() {}

  /** {@code null} when {@code t} is already non-decreasing, else the stable sort permutation by {@code t}. */
  static int[] byTime(long[] t) {
    boolean sorted = true;
    for (int i = 1; i < t.length && sorted; i++) {
      sorted = t[i - 1] <= t[i];
    }
    if (sorted) {
      return null;
    }
    Integer[] boxed = new Integer[t.length];
    for (int i = 0; i < t.length; i++) {
      boxed[i] = i;
    }
    java.util.Arrays.sort(boxed, (u, v) -> Long.compare(t[u], t[v]));
    int[] out = new int[t.length];
    for (int i = 0; i < t.length; i++) {
      out[i] = boxed[i];
    }
    return out;
  }
}
