package org.evshard.transforms.curate;

import java.util.Arrays;
import org.evshard.transforms.InvalidParameterException;

/**
 * DataComp's {@code clip_score} baseline: keep a sample when its CLIP score is {@code >= threshold}, the threshold
 * either given or derived from a fraction of the whole pool.
 *
 * <p>The fraction rule is {@code get_threshold} in {@code baselines/apply_filter.py}: it loads every score of the pool,
 * {@code n = int(len(scores) * fraction)} and {@code threshold = -np.sort(-scores)[n]}, i.e. the element at 0-based
 * position n of the scores sorted in descending order: an order statistic of the pool itself, not {@code np.quantile}
 * and with no interpolation between elements. The threshold keeps the
 * type of the column (float32 or float64: negation and sorting are exact), and the keep test
 * {@code df[key] >= threshold} compares in that type. Consequences, also in docs/CURATION.md: DataComp keeps at least
 * {@code n + 1} samples (not n), plus every further sample tied with the (n+1)-th largest score; NaN scores sort last
 * and are never kept (and if position n is a NaN, the threshold is NaN and nothing is kept).
 *
 * <p>A given threshold (a Python float) compared with a float32 column is cast to float32 first (numpy never widens an
 * array for a Python scalar of the same kind), so {@link #keep(float, double)} compares {@code score >= (float)
 * threshold}.
 */
public final class ClipScoreFilter {

  public static final String NAME = "clip_score";

  private ClipScoreFilter() {}

  /** The threshold DataComp derives for a float32 score column. The scores are not modified. */
  public static float thresholdForFraction(float[] scores, double fraction) {
    int n = position(scores == null ? -1 : scores.length, fraction);
    float[] sorted = scores.clone();
    Arrays.sort(sorted); // ascending, NaN last; -0.0 before 0.0 (equal under >=, so harmless)
    int finite = countNonNan(sorted);
    return n < finite ? sorted[finite - 1 - n] : Float.NaN;
  }

  /** The threshold DataComp derives for a float64 score column. The scores are not modified. */
  public static double thresholdForFraction(double[] scores, double fraction) {
    int n = position(scores == null ? -1 : scores.length, fraction);
    double[] sorted = scores.clone();
    Arrays.sort(sorted);
    int finite = countNonNan(sorted);
    return n < finite ? sorted[finite - 1 - n] : Double.NaN;
  }

  /** {@code df[key] >= threshold} for a float32 column: the threshold is rounded to float32 first. */
  public static boolean keep(float score, double threshold) {
    return score >= (float) threshold;
  }

  /** {@code df[key] >= threshold} for a float64 column. */
  public static boolean keep(double score, double threshold) {
    return score >= threshold;
  }

  /** The kept mask of a whole float32 column for a threshold (a new array). */
  public static boolean[] keepMask(float[] scores, double threshold) {
    float t = (float) threshold;
    boolean[] keep = new boolean[scores.length];
    for (int i = 0; i < scores.length; i++) {
      keep[i] = scores[i] >= t;
    }
    return keep;
  }

  /** DataComp's {@code n = int(len * fraction)}; a position outside the pool is an error (numpy would raise). */
  static int position(int length, double fraction) {
    if (length < 0) {
      throw InvalidParameterException.of(NAME, "scores", "an array", "null");
    }
    if (!(fraction >= 0 && fraction < 1)) {
      throw InvalidParameterException.of(NAME, "fraction", "in [0, 1)", fraction);
    }
    int n = (int) (length * fraction); // float64 product, truncated toward zero, as Python's int()
    if (n >= length) {
      throw InvalidParameterException.of(NAME, "scores", "a pool with more than int(len * fraction) = " + n
          + " scores", length + " scores");
    }
    return n;
  }

  private static int countNonNan(float[] sortedAscending) {
    int end = sortedAscending.length;
    while (end > 0 && Float.isNaN(sortedAscending[end - 1])) {
      end--;
    }
    return end;
  }

  private static int countNonNan(double[] sortedAscending) {
    int end = sortedAscending.length;
    while (end > 0 && Double.isNaN(sortedAscending[end - 1])) {
      end--;
    }
    return end;
  }
}
