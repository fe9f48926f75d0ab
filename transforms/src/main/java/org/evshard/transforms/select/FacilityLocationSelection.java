package org.evshard.transforms.select;

/**
 * {@code facility_location}: lazy greedy (Minoux 1978) maximisation of
 *
 * <pre>  F(S) = sum_{i = 1..n} max_{s in S} sim(i, s),   sim = 0.5 + 0.5 cos  (F(empty) = 0) </pre>
 *
 * with the similarity of Dataset Quantization's {@code FacilityLocation} ({@link CosineSimilarity}; non-negative, so
 * {@code F} is monotone submodular and greedy reaches at least {@code (1 - 1/e)} of the optimum). Each step chooses the
 * row of largest marginal gain {@code sum_i max(0, sim(i, x) - c_i)}, {@code c_i} the best similarity of row {@code i}
 * to the selection so far; ties go to the lower row index, so the result equals naive greedy's. Score: the marginal
 * gain at selection time.
 *
 * <p>Lazy evaluation: a max-heap (on primitive arrays) holds an upper bound of every unselected row's gain, ordered by
 * bound then lower index. The top is re-evaluated exactly ({@code O(n d)}, similarities computed on the fly) unless its
 * bound was computed in the current step, in which case it is chosen: by submodularity a stale bound can only
 * overestimate. The first bounds are the column sums {@code sum_i sim(i, x)} (the exact gain against an empty
 * selection) from the sum of normalised rows in {@code O(n d)}, plus a slack of {@code 1e-6 (n + 1)} for float
 * rounding, so they are bounds and never exact values. Cost: {@code O((k + E) n d)} time for {@code E}
 * re-evaluations (worst case {@code E = O(k n)}, in practice a small multiple of {@code k}), {@code O(n)} memory
 * beyond a normalised copy of the features; no {@code n x n} matrix. Deterministic, no seed.
 */
public final class FacilityLocationSelection {

  static final String NAME = "facility_location";

  private FacilityLocationSelection() {}

  public static Selection select(FeatureMatrix f, int k) {
    int n = f.rows();
    Budget.check(NAME, k, n);
    int[] idx = new int[k];
    double[] gains = new double[k];
    if (k == 0) {
      return new Selection(NAME, idx, gains);
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
    return new Selection(NAME, idx, gains);
  }

  /** {@code F(S)} for the given rows, {@code O(|S| n d)}: the objective, for reports and tests. */
  public static double objective(FeatureMatrix f, int[] selected) {
    CosineSimilarity sim = new CosineSimilarity(f);
    double total = 0;
    for (int i = 0; i < f.rows(); i++) {
      double m = 0;
      for (int s : selected) {
        m = Math.max(m, sim.sim(i, s));
      }
      total += m;
    }
    return total;
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
