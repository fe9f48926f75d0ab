package org.evshard.transforms.select;

/**
 * The lazy greedy facility location of the first version of {@link FacilityLocationSelection}, kept as the reference
 * of its faster successor: every stale bound that reaches the top of the heap is re-evaluated from scratch
 * ({@code O(n d)}), and a row is chosen when its bound at the top was computed in the current step. Its picks equal
 * naive greedy's ({@link FacilityLocationSelectionTest}); the fast version must give the same picks and bit-identical
 * gains.
 */
final class LazyGreedyReference {

  private LazyGreedyReference() {}

  static Selection select(FeatureMatrix f, int k) {
    int n = f.rows();
    Budget.check("facility_location", k, n);
    int[] idx = new int[k];
    double[] gains = new double[k];
    if (k == 0) {
      return new Selection("facility_location", idx, gains);
    }
    CosineSimilarity sim = new CosineSimilarity(f);
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    double[] bound = new double[n];
    sim.columnSums(all, bound);
    double slack = 1e-6 * (n + 1);
    for (int i = 0; i < n; i++) {
      bound[i] += slack;
    }
    int[] stamp = new int[n];
    java.util.Arrays.fill(stamp, -1);
    int[] heap = all.clone();
    int size = n;
    for (int p = size / 2 - 1; p >= 0; p--) {
      siftDown(heap, size, p, bound);
    }
    double[] best = new double[n]; // c_i: max similarity of row i to the selection
    double[] row = new double[n];
    for (int t = 0; t < k; t++) {
      while (true) {
        int top = heap[0];
        if (stamp[top] == t) {
          idx[t] = top;
          gains[t] = bound[top];
          heap[0] = heap[--size];
          siftDown(heap, size, 0, bound);
          break;
        }
        sim.simsTo(top, all, row);
        double g = 0;
        for (int i = 0; i < n; i++) {
          double e = row[i] - best[i];
          if (e > 0) {
            g += e;
          }
        }
        bound[top] = g;
        stamp[top] = t;
        siftDown(heap, size, 0, bound);
      }
      sim.simsTo(idx[t], all, row);
      for (int i = 0; i < n; i++) {
        if (row[i] > best[i]) {
          best[i] = row[i];
        }
      }
    }
    return new Selection("facility_location", idx, gains);
  }

  /** Heap order: larger bound first, then lower index. */
  private static boolean before(int a, int b, double[] bound) {
    return bound[a] > bound[b] || (bound[a] == bound[b] && a < b);
  }

  private static void siftDown(int[] heap, int size, int p, double[] bound) {
    int x = heap[p];
    while (true) {
      int c = 2 * p + 1;
      if (c >= size) {
        break;
      }
      if (c + 1 < size && before(heap[c + 1], heap[c], bound)) {
        c++;
      }
      if (!before(heap[c], x, bound)) {
        break;
      }
      heap[p] = heap[c];
      p = c;
    }
    heap[p] = x;
  }
}
