package org.evshard.transforms.select;

/**
 * {@code graphcut}: greedy maximisation of the GraphCut function as Dataset Quantization implements it
 * ({@code magic-research/Dataset_Quantization}, {@code dq/methods/methods_utils/submodular_function.py} class
 * {@code GraphCut}, optimiser {@code NaiveGreedy} in {@code submodular_optimizer.py}, the default of
 * {@code quantize_sample.py}). With the pool {@code P} (here: all rows), the selection so far {@code S} and
 * {@code sim = 0.5 + 0.5 cos} ({@link CosineSimilarity}), each step chooses
 *
 * <pre>  argmax over x in P \ S of  gain(x) = lambda * sum_{i in P} sim(i, x) - 2 * sum_{s in S} sim(s, x) </pre>
 *
 * ({@code lambda = 1} in DQ). Ties go to the lower row index ({@code numpy.argmax} returns the first maximum). Score:
 * the gain at selection time. The column sums come from the sum of normalised rows in {@code O(n d)}; after each pick
 * the penalty {@code sum_{s in S} sim(s, x)} of every row gets one {@code O(d)} update, so the whole run costs
 * {@code O(k n d)} time and {@code O(n)} memory beyond a normalised copy of the features. Deterministic, no seed.
 */
public final class GraphCutSelection {

  static final String NAME = "graphcut";

  private GraphCutSelection() {}

  public static Selection select(FeatureMatrix f, int k, double lambda) {
    int n = f.rows();
    Budget.check(NAME, k, n);
    org.evshard.transforms.Require.finite(NAME, "lambda", lambda);
    CosineSimilarity sim = new CosineSimilarity(f);
    int[] pool = new int[n];
    for (int i = 0; i < n; i++) {
      pool[i] = i;
    }
    double[] colSums = new double[n];
    sim.columnSums(pool, colSums);
    int[] idx = new int[k];
    double[] gains = new double[k];
    greedy(sim, pool, colSums, k, lambda, idx, gains, new double[n]);
    return new Selection(NAME, idx, gains);
  }

  /**
   * Runs {@code k} greedy GraphCut steps over {@code pool} (ascending row ids) given its column sums; writes the chosen
   * row ids and gains, and leaves in {@code penalty[p]} the sum of similarities of {@code pool[p]} to the chosen rows.
   */
  static void greedy(CosineSimilarity sim, int[] pool, double[] colSums, int k, double lambda, int[] idx,
      double[] gains, double[] penalty) {
    int m = pool.length;
    java.util.Arrays.fill(penalty, 0, m, 0.0);
    boolean[] taken = new boolean[m];
    double[] row = new double[m];
    for (int t = 0; t < k; t++) {
      int best = -1;
      double bestGain = Double.NEGATIVE_INFINITY;
      for (int p = 0; p < m; p++) {
        if (taken[p]) {
          continue;
        }
        double g = lambda * colSums[p] - 2.0 * penalty[p];
        if (g > bestGain) {
          bestGain = g;
          best = p;
        }
      }
      taken[best] = true;
      idx[t] = pool[best];
      gains[t] = bestGain;
      sim.simsTo(pool[best], pool, row);
      for (int p = 0; p < m; p++) {
        penalty[p] += row[p];
      }
    }
  }
}
