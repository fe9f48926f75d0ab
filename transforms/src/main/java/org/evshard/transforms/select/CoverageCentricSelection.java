package org.evshard.transforms.select;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Require;

/**
 * {@code ccs}: Coverage-Centric Coreset Selection (Zheng et al., ICLR 2023;
 * {@code haizhongzheng/Coverage-centric-coreset-selection}, {@code core/data/Coreset.py} {@code mislabel_mask} and
 * {@code stratified_sampling}, driven by {@code train.py}). It needs one difficulty score per row (e.g. forgetting
 * count, EL2N, AUM), not features.
 *
 * <ol>
 *   <li>Hard pruning: sort rows by score, hardest first ({@code hardIsHigh}: descending, as for forgetting or EL2N;
 *       otherwise ascending, as for AUM), and drop the first {@code floor(beta * n)} ({@code mis_num =
 *       int(mis_ratio * total_num)}).</li>
 *   <li>Strata: {@code S} equal-width score bins over {@code [min, upper)} of the kept scores, with
 *       {@code upper = max * 1.0001} and bin {@code i = [min + i step, min + (i+1) step)}, {@code step = (upper - min)
 *       / S} (the reference's constants; {@code S = 50} in the reference).</li>
 *   <li>Budgets: strata visited by size ascending; each gets {@code min(size, floor(remaining / strata left))}
 *       ({@code bin_allocate}); empty strata count as strata, as in the reference.</li>
 *   <li>Within a stratum, a seeded uniform draw of its budget from its rows in ascending index order.</li>
 * </ol>
 *
 * Output order: stratum by stratum from the lowest score bin, within a stratum in draw order; score: the row's score.
 * The total is {@code k} unless the strata cannot supply it (as in the reference).
 *
 * <p>Deviations, all where the reference is unspecified or breaks: equal scores are ordered by row index (torch's
 * {@code argsort} is not stable) and strata of equal size by stratum index; when the largest kept score is not positive
 * ({@code max * 1.0001 <= max} would leave the maximum outside every bin) {@code upper = max + 1e-4 (max - min)}; when
 * every kept score is equal, all rows form one stratum; the draw uses {@link SplittableRandom} instead of
 * {@code torch.randperm}. Cost {@code O(n log n)}, memory {@code O(n)}.
 */
public final class CoverageCentricSelection {

  static final String NAME = "ccs";

  /** The reference's number of strata. */
  public static final int DEFAULT_STRATA = 50;

  private CoverageCentricSelection() {}

  public static Selection select(double[] scores, int k, double beta, int strata, boolean hardIsHigh, long seed) {
    int n = scores.length;
    Budget.check(NAME, k, n);
    Require.inRange(NAME, "beta", beta, 0, 1);
    if (strata < 1) {
      throw InvalidParameterException.of(NAME, "strata", "an integer >= 1", strata);
    }
    for (int i = 0; i < n; i++) {
      Require.finite(NAME, "score of row " + i, scores[i]);
    }
    // 1. prune the hardest floor(beta n)
    int prune = (int) (beta * n);
    int[] kept = keepEasy(scores, prune, hardIsHigh);
    Arrays.sort(kept);
    if (kept.length == 0) {
      return new Selection(NAME, new int[0], new double[0]);
    }
    // 2. strata
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i : kept) {
      min = Math.min(min, scores[i]);
      max = Math.max(max, scores[i]);
    }
    int[] stratumOf = new int[kept.length];
    int[] size = new int[strata];
    if (max == min) {
      size[0] = kept.length;
    } else {
      double upper = max > 0 ? max * 1.0001 : max + 1e-4 * (max - min);
      double step = (upper - min) / strata;
      for (int p = 0; p < kept.length; p++) {
        double s = scores[kept[p]];
        int bin = -1;
        for (int b = 0; b < strata; b++) { // the reference's interval test, bin by bin
          if (s >= min + b * step && s < min + (b + 1) * step) {
            bin = b;
            break;
          }
        }
        stratumOf[p] = bin;
        if (bin >= 0) {
          size[bin]++;
        }
      }
    }
    // 3. budgets, smallest strata first
    int[] budget = allocate(k, size);
    // 4. draw
    SplittableRandom rng = new SplittableRandom(seed);
    int total = 0;
    for (int b : budget) {
      total += b;
    }
    int[] idx = new int[total];
    double[] sc = new double[total];
    int o = 0;
    for (int b = 0; b < strata; b++) {
      int[] members = new int[size[b]];
      int m = 0;
      for (int p = 0; p < kept.length; p++) {
        if (stratumOf[p] == b) {
          members[m++] = kept[p];
        }
      }
      for (int r : SeededRandom.sample(members, budget[b], rng)) {
        idx[o] = r;
        sc[o++] = scores[r];
      }
    }
    return new Selection(NAME, idx, sc);
  }

  /**
   * The reference's {@code bin_allocate}: visit strata by size ascending (ties by stratum index) and give each
   * {@code min(size, remaining / strata left)} (integer division).
   */
  public static int[] allocate(int k, int[] sizes) {
    int s = sizes.length;
    int[] order = sortedBySize(sizes);
    int[] budget = new int[s];
    int rest = k;
    for (int i = 0; i < s; i++) {
      int avg = rest / (s - i);
      int cur = Math.min(sizes[order[i]], avg);
      budget[order[i]] = cur;
      rest -= cur;
    }
    return budget;
  }

  private static int[] sortedBySize(int[] sizes) {
    long[] keys = new long[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      keys[i] = ((long) sizes[i] << 32) | i;
    }
    Arrays.sort(keys);
    int[] order = new int[sizes.length];
    for (int i = 0; i < sizes.length; i++) {
      order[i] = (int) keys[i];
    }
    return order;
  }

  /** Row indices left after dropping the {@code prune} hardest (ties: lower index counts as harder). */
  private static int[] keepEasy(double[] scores, int prune, boolean hardIsHigh) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> {
      int c = hardIsHigh ? Double.compare(scores[b], scores[a]) : Double.compare(scores[a], scores[b]);
      return c != 0 ? c : Integer.compare(a, b);
    });
    int[] kept = new int[n - prune];
    for (int i = prune; i < n; i++) {
      kept[i - prune] = order[i];
    }
    return kept;
  }
}
