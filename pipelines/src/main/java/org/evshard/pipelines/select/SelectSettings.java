package org.evshard.pipelines.select;

import java.nio.file.Path;
import java.util.List;

/**
 * One {@code evshard select} run.
 *
 * @param input a folder of shards written by evshard (its {@code manifest.json} lists them)
 * @param output the folder for the chosen rows' shards, {@code selection.parquet} and the manifest
 * @param method the selection method
 * @param parameters budget, seed and method parameters
 * @param features the feature vector (ignored by methods that need none)
 * @param grouping how rows are grouped
 * @param scores CSV of {@code sample_id,score} for methods that need a score (ccs), or null
 * @param subsetOut where to write the chosen ids as DataComp's uid subset {@code .npy}, or null
 * @param maxGroupBytes memory one group may need ({@link org.evshard.transforms.select.GroupMemory})
 * @param kmeansSample rows sampled (by seeded id hash) to fit k-means
 * @param embeddings the DataComp pool whose {@code metadata/*.npz} give the {@code embedding} features, or null
 */
public record SelectSettings(Path input, Path output, SelectionMethod method, SelectParameters parameters,
    FeatureSpec features, Grouping grouping, Path scores, Path subsetOut, long maxGroupBytes, int kmeansSample,
    boolean overwrite, boolean progress, List<String> beamArgs, Path embeddings) {

  public static final long DEFAULT_MAX_GROUP_BYTES = 2L << 30;
  public static final int DEFAULT_KMEANS_SAMPLE = 50_000;

  public SelectSettings {
    if (method.needsScores() && scores == null) {
      throw new IllegalArgumentException(method.cliName() + " needs --scores FILE (sample_id,score lines)");
    }
    if (maxGroupBytes <= 0 || kmeansSample < 1) {
      throw new IllegalArgumentException("max group bytes and k-means sample must be positive");
    }
    beamArgs = List.copyOf(beamArgs);
    boolean embedded = features != null && features.kind() == FeatureSpec.Kind.EMBEDDING;
    if (embedded && embeddings == null) {
      throw new IllegalArgumentException("--features " + features + " needs --embeddings POOL (a DataComp pool "
          + "folder: metadata/*.parquet with the .npz of their embeddings)");
    }
    if (!embedded && embeddings != null) {
      throw new IllegalArgumentException("--embeddings is read by --features embedding[:KEY] only");
    }
  }

  public SelectSettings(Path input, Path output, SelectionMethod method, SelectParameters parameters,
      FeatureSpec features, Grouping grouping, Path scores, Path subsetOut, long maxGroupBytes, int kmeansSample,
      boolean overwrite, boolean progress, List<String> beamArgs) {
    this(input, output, method, parameters, features, grouping, scores, subsetOut, maxGroupBytes, kmeansSample,
        overwrite, progress, beamArgs, null);
  }
}
