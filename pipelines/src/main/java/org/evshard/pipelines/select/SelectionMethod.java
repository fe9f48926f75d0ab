package org.evshard.pipelines.select;

import java.util.Arrays;
import java.util.Locale;
import org.evshard.transforms.select.CoverageCentricSelection;
import org.evshard.transforms.select.DatasetQuantization;
import org.evshard.transforms.select.DedupResult;
import org.evshard.transforms.select.FacilityLocationSelection;
import org.evshard.transforms.select.FeatureMatrix;
import org.evshard.transforms.select.GraphCutSelection;
import org.evshard.transforms.select.HerdingSelection;
import org.evshard.transforms.select.KCenterSelection;
import org.evshard.transforms.select.RandomSelection;
import org.evshard.transforms.select.SemDeDup;
import org.evshard.transforms.select.Selection;

/**
 * The selection methods of {@code evshard select} and how each runs on one group: which inputs it needs (features,
 * a score per sample, or only ids) and which kernel of {@code org.evshard.transforms.select} it calls. The
 * parameters of every method come from {@link SelectParameters}.
 */
public enum SelectionMethod {
  RANDOM, HERDING, KCENTER, FACILITY_LOCATION, GRAPHCUT, DQ, CCS, SEMDEDUP;

  /** The name on the command line and in {@code selection.parquet}: {@code facility_location}, {@code dq}, ... */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SelectionMethod fromName(String name) {
    for (SelectionMethod m : values()) {
      if (m.cliName().equals(name.toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown selection method '" + name + "'; one of "
        + Arrays.stream(values()).map(SelectionMethod::cliName).toList());
  }

  /** Whether the method reads feature vectors (random and ccs do not). */
  public boolean needsFeatures() {
    return this != RANDOM && this != CCS;
  }

  /** Whether the method reads one score per sample ({@code --scores}). */
  public boolean needsScores() {
    return this == CCS;
  }

  /**
   * Runs the method on one group, whose rows are sorted by id. {@code k} is the budget; semdedup ignores it (it keeps
   * every row that is not a near duplicate) and reports, as score, the row's largest cosine to a kept earlier row.
   */
  public Selection run(String[] ids, FeatureMatrix features, double[] scores, int k, SelectParameters p) {
    return switch (this) {
      case RANDOM -> RandomSelection.select(ids, k, p.seed());
      case HERDING -> HerdingSelection.select(features, k);
      case KCENTER -> KCenterSelection.select(features, k);
      case FACILITY_LOCATION -> FacilityLocationSelection.select(features, k);
      case GRAPHCUT -> GraphCutSelection.select(features, k, p.graphCutLambda());
      case DQ -> DatasetQuantization.select(features, k, p.dqBins(), p.seed());
      case CCS -> CoverageCentricSelection.select(scores, k, p.ccsBeta(), p.ccsStrata(), p.ccsHardIsHigh(),
          p.seed());
      case SEMDEDUP -> semdedup(features, p);
    };
  }

  private static Selection semdedup(FeatureMatrix features, SelectParameters p) {
    DedupResult r = SemDeDup.dedup(features, null, p.semdedupEps(), SemDeDup.Order.HARD, SemDeDup.Compare.KEPT,
        p.seed());
    int[] kept = r.keptRows();
    double[] scores = new double[kept.length];
    for (int i = 0; i < kept.length; i++) {
      scores[i] = r.maxSimilarity(kept[i]);
    }
    return new Selection("semdedup", kept, scores);
  }
}
