package org.evshard.transforms.select;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.evshard.transforms.InvalidParameterException;

/**
 * {@code dq}: Dataset Quantization (Zhou et al., ICCV 2023; {@code magic-research/Dataset_Quantization}).
 *
 * <p>Binning ({@code quantize_sample.py}): with bin size {@code b = round(n / K)} ({@code coreset_size =
 * round(len(dst_train) * fraction)} with {@code fraction = 1/K}; Python's {@code round}, half to even), bins
 * {@code 1 .. K-1} are chosen in turn from the remaining pool by greedy GraphCut with {@code lambda = 1}
 * ({@link GraphCutSelection}; the column sums run over the <em>current</em> pool, as the reference rebuilds its
 * dataset from {@code avail_indices} before each bin), and their rows leave the pool; bin {@code K} is the rest of the
 * pool (the reference's "directly save the last subset" when {@code fraction * num_exp == 1}).
 *
 * <p>Sampling ({@code quantize_bin.py} with {@code dq/methods/uniform.py}): from every bin, with the fraction
 * {@code rho = k / n}, {@code round(rho * |bin|)} rows (half to even) drawn uniformly without replacement from the
 * bin's rows in ascending index order (the reference's bins are boolean masks, so ascending). The total can differ
 * from {@code k} by the rounding of each bin (at most {@code K / 2}); the reference behaves the same. Output order:
 * bin by bin, within a bin in draw order; score: the row's GraphCut gain when it entered its bin ({@code NaN} for the
 * last bin).
 *
 * <p>Deviation: the uniform draw uses this package's PRNG ({@link SplittableRandom}, partial Fisher-Yates) instead of
 * NumPy's {@code np.random.choice}, so the drawn rows differ from the reference for the same seed; the bins do not
 * depend on a seed. Cost: {@code O(n d)} for column sums plus {@code O(|pool| d)} per greedy pick, about
 * {@code n^2 d / 2} in all for {@code K >= 2}; memory {@code O(n)} beyond a normalised copy of the features.
 */
public final class DatasetQuantization {

  static final String NAME = "dq";

  private DatasetQuantization() {}

  /** The {@code K} bins of the whole group ({@code K >= 1}, {@code (K-1) * round(n / K) <= n}). */
  public static QuantizationBins bins(FeatureMatrix f, int binCount) {
    int n = f.rows();
    if (binCount < 1) {
      throw InvalidParameterException.of(NAME, "bins", "an integer >= 1", binCount);
    }
    int b = (int) Math.rint((double) n / binCount);
    if ((long) (binCount - 1) * b > n) {
      throw InvalidParameterException.of(NAME, "bins", "at most a count whose K-1 bins of round(n/K) rows fit in "
          + n + " rows", binCount);
    }
    CosineSimilarity sim = new CosineSimilarity(f);
    int[] pool = new int[n];
    for (int i = 0; i < n; i++) {
      pool[i] = i;
    }
    double[] colSums = new double[n];
    sim.columnSums(pool, colSums);
    double[] penalty = new double[n];
    int[][] bins = new int[binCount][];
    double[][] gains = new double[binCount][];
    for (int bin = 0; bin < binCount - 1; bin++) {
      bins[bin] = new int[b];
      gains[bin] = new double[b];
      GraphCutSelection.greedy(sim, pool, colSums, b, 1.0, bins[bin], gains[bin], penalty);
      boolean[] chosen = new boolean[n];
      for (int r : bins[bin]) {
        chosen[r] = true;
      }
      int m = 0;
      for (int p = 0; p < pool.length; p++) {
        if (!chosen[pool[p]]) {
          colSums[m] = colSums[p] - penalty[p]; // sum over the new pool = old sum - sims to the rows that left
          pool[m++] = pool[p];
        }
      }
      pool = Arrays.copyOf(pool, m);
    }
    bins[binCount - 1] = pool;
    gains[binCount - 1] = new double[pool.length];
    Arrays.fill(gains[binCount - 1], Double.NaN);
    return new QuantizationBins(bins, gains);
  }

  /** Bins the group into {@code binCount} bins and samples about {@code k} rows from them (see the class comment). */
  public static Selection select(FeatureMatrix f, int k, int binCount, long seed) {
    int n = f.rows();
    Budget.check(NAME, k, n);
    if (n == 0) {
      return new Selection(NAME, new int[0], new double[0]);
    }
    return sample(bins(f, binCount), (double) k / n, seed);
  }

  /** The uniform per-bin draw of {@link #select}: {@code round(fraction * |bin|)} rows of every bin. */
  public static Selection sample(QuantizationBins bins, double fraction, long seed) {
    org.evshard.transforms.Require.inClosedRange(NAME, "fraction", fraction, 0, 1);
    SplittableRandom rng = new SplittableRandom(seed);
    int[][] picked = new int[bins.count()][];
    double[][] scores = new double[bins.count()][];
    int total = 0;
    for (int bin = 0; bin < bins.count(); bin++) {
      int[] rows = bins.bin(bin);
      double[] g = bins.gains(bin);
      int[] order = new int[rows.length]; // positions sorted by row index
      Integer[] boxed = new Integer[rows.length];
      for (int p = 0; p < rows.length; p++) {
        boxed[p] = p;
      }
      Arrays.sort(boxed, (x, y) -> Integer.compare(rows[x], rows[y]));
      for (int p = 0; p < rows.length; p++) {
        order[p] = boxed[p];
      }
      int m = Math.min(rows.length, (int) Math.rint(fraction * rows.length));
      int[] drawn = SeededRandom.sample(order, m, rng);
      picked[bin] = new int[m];
      scores[bin] = new double[m];
      for (int r = 0; r < m; r++) {
        picked[bin][r] = rows[drawn[r]];
        scores[bin][r] = g[drawn[r]];
      }
      total += m;
    }
    int[] idx = new int[total];
    double[] score = new double[total];
    int o = 0;
    for (int bin = 0; bin < picked.length; bin++) {
      System.arraycopy(picked[bin], 0, idx, o, picked[bin].length);
      System.arraycopy(scores[bin], 0, score, o, picked[bin].length);
      o += picked[bin].length;
    }
    return new Selection(NAME, idx, score);
  }
}
