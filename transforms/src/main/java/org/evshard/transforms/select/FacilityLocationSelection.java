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
 * bound then lower index. The top is re-evaluated exactly unless its bound was computed in the current step, in which
 * case it is chosen: by submodularity a stale bound can only overestimate (and so can its floating-point value: every
 * term {@code max(0, sim - c_i)} and every addition is monotone). The first bounds are the column sums
 * {@code sum_i sim(i, x)} (the exact gain against an empty selection) from the sum of normalised rows in
 * {@code O(n d)}, plus a slack of {@code 1e-6 (n + 1)} for float rounding, so they are bounds and never exact values.
 * "Exactly" means the sum of the positive terms {@code sim(i, x) - c_i} over {@code i} in ascending order in double.
 *
 * <p>Pruned evaluation: most terms are zero (row {@code i} is already closer to a chosen row than to {@code x}), and
 * a zero term adds nothing to the sum, so skipping it leaves the gain bit for bit unchanged. A term is skipped when
 * the triangle inequality on the sphere proves it zero without the dot product: {@link PivotBounds} holds {@code P}
 * pivot rows and each row's cosine to its nearest pivot; with {@code a = cos(x, p)}, {@code b = cos(i, p)},
 * {@code cos(i, x) <= cos(angle(x, p) - angle(i, p)) = a b + sqrt(1 - a^2) sqrt(1 - b^2)} when {@code a < b}. The
 * bound is evaluated with {@code a} raised and {@code b} lowered by a margin larger than the float error of a dot
 * product of normalised rows (monotonicity makes that safe), and the term is skipped only when the bound plus the
 * margin is below row {@code i}'s best cosine. On clustered features, once every cluster holds a chosen row, this
 * leaves the rows of {@code x}'s own cluster; before that (the first picks, when every stale column-sum bound must be
 * re-evaluated at least once) the rows of uncovered clusters cannot be pruned and evaluations cost nearly {@code n}
 * dot products.
 * The same test prunes the update of {@code c} after each pick. The picks and gains are those of the first version,
 * which computed every term ({@code LazyGreedyReference} in the tests: same picks, bit-identical gains).
 *
 * <p>Cost: {@code O(P n d)} for the pivots, then per evaluation {@code O(P d + n + r d)} for {@code r} rows not pruned
 * (worst case {@code r = n}), {@code k + E} evaluations and {@code k} updates for {@code E} re-evaluations (worst case
 * {@code E = O(k n)}, in practice a few tens per pick). Memory {@code O(n)} (about 32 bytes per row: bound, stamp,
 * heap slot, best cosine, pivot, two pivot bounds) beyond a normalised copy of the features; no {@code n x n} matrix.
 * Deterministic, no seed.
 */
public final class FacilityLocationSelection {

  static final String NAME = "facility_location";

  /** Pivots of the pruning bound: at most this many rows, chosen farthest first. */
  static final int PIVOTS = 64;

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
    int[] heap = all;
    int size = n;
    for (int p = size / 2 - 1; p >= 0; p--) {
      siftDown(heap, size, p, bound);
    }
    PivotBounds pivots = new PivotBounds(sim, f.dim(), PIVOTS);
    float[] best = new float[n]; // c_i = 0.5 + 0.5 best[i]; best[i] = -1 gives c_i = 0, the empty selection
    java.util.Arrays.fill(best, -1f);
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
        pivots.prepare(top);
        double g = 0;
        for (int i = 0; i < n; i++) {
          if (pivots.cannotExceed(i, best[i])) {
            continue;
          }
          double e = (0.5 + 0.5 * (double) sim.cosine(top, i)) - (0.5 + 0.5 * (double) best[i]);
          if (e > 0) {
            g += e;
          }
        }
        bound[top] = g;
        stamp[top] = t;
        siftDown(heap, size, 0, bound);
      }
      int s = idx[t];
      pivots.prepare(s);
      for (int i = 0; i < n; i++) {
        if (pivots.cannotExceed(i, best[i])) {
          continue;
        }
        float c = sim.cosine(s, i);
        if (0.5 + 0.5 * (double) c > 0.5 + 0.5 * (double) best[i]) {
          best[i] = c;
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
