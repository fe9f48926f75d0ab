package org.evshard.pipelines.select;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The budget and the method parameters of one {@code evshard select} run, recorded in the manifest.
 *
 * @param fraction share of each group to keep (0..1), or null when {@code perClass} is given
 * @param perClass rows to keep per group, or null when {@code fraction} is given
 * @param seed seed of every random choice (random, dq draws, ccs draws, k-means)
 * @param graphCutLambda GraphCut's lambda (the gain {@code sum_i sim(i,x) - 2 sum_S sim(s,x)} is lambda 1)
 * @param dqBins Dataset Quantization's bin count K
 * @param ccsBeta share of the hardest rows ccs prunes first
 * @param ccsStrata ccs's number of score strata
 * @param ccsHardIsHigh whether a high score means hard (forgetting, EL2N) or a low one (AUM)
 * @param semdedupEps semdedup drops a row whose cosine to a kept row exceeds {@code 1 - eps}
 */
public record SelectParameters(Double fraction, Integer perClass, long seed, double graphCutLambda, int dqBins,
    double ccsBeta, int ccsStrata, boolean ccsHardIsHigh, double semdedupEps) implements Serializable {

  public static final double DEFAULT_LAMBDA = 1.0;
  public static final int DEFAULT_DQ_BINS = 10;
  public static final double DEFAULT_CCS_BETA = 0.1;
  public static final double DEFAULT_SEMDEDUP_EPS = 0.07;

  public SelectParameters {
    if ((fraction == null) == (perClass == null)) {
      throw new IllegalArgumentException("give exactly one of --fraction and --per-class");
    }
    if (fraction != null && !(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("--fraction must be within 0..1, got " + fraction);
    }
    if (perClass != null && perClass < 0) {
      throw new IllegalArgumentException("--per-class must be >= 0, got " + perClass);
    }
    if (dqBins < 1 || ccsStrata < 1) {
      throw new IllegalArgumentException("dq bins and ccs strata must be >= 1, got " + dqBins + ", " + ccsStrata);
    }
  }

  /** Defaults for everything but the budget and the seed. */
  public static SelectParameters of(Double fraction, Integer perClass, long seed) {
    return new SelectParameters(fraction, perClass, seed, DEFAULT_LAMBDA, DEFAULT_DQ_BINS, DEFAULT_CCS_BETA,
        org.evshard.transforms.select.CoverageCentricSelection.DEFAULT_STRATA, true, DEFAULT_SEMDEDUP_EPS);
  }

  /** The budget of a group of {@code n} rows: {@code round(n * fraction)} or {@code min(perClass, n)}. */
  public int budget(int n) {
    return fraction != null ? (int) Math.min(n, Math.round(n * fraction)) : Math.min(perClass, n);
  }

  /** The parameters for the manifest, in a fixed order. */
  public Map<String, Object> toParameters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("fraction", fraction);
    m.put("per_class", perClass);
    m.put("seed", seed);
    m.put("graphcut_lambda", graphCutLambda);
    m.put("dq_bins", dqBins);
    m.put("ccs_beta", ccsBeta);
    m.put("ccs_strata", ccsStrata);
    m.put("ccs_hard_is_high", ccsHardIsHigh);
    m.put("semdedup_eps", semdedupEps);
    return m;
  }
}
