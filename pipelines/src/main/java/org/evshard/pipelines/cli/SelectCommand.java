package org.evshard.pipelines.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.evshard.io.error.Wording;
import org.evshard.pipelines.select.FeatureSpec;
import org.evshard.pipelines.select.Grouping;
import org.evshard.pipelines.select.SelectJob;
import org.evshard.pipelines.select.SelectParameters;
import org.evshard.pipelines.select.SelectSettings;
import org.evshard.pipelines.select.SelectionMethod;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code evshard select}: a smaller training set chosen from evshard shards, per group, reproducibly. */
@Command(name = "select", mixinStandardHelpOptions = true,
    description = {"Choose a subset of the rows of evshard shards (event or image) with a coreset selection method, "
        + "per class (or per k-means cluster), and write them as shards of the same schema plus selection.parquet "
        + "(sample_id, group, rank, method, score). See docs/SELECTION.md.",
        "Standard Beam options (e.g. --runner=FlinkRunner) are passed to the pipeline."})
public final class SelectCommand implements Callable<Integer> {

  @Option(names = "--input", required = true, paramLabel = "DIR", description = "shards written by evshard "
      + "(a folder with manifest.json)")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder")
  Path output;

  @Option(names = "--method", required = true, paramLabel = "NAME",
      description = "random, herding, kcenter, facility_location, graphcut, dq, ccs or semdedup")
  String method;

  static final class Budget {
    @Option(names = "--fraction", paramLabel = "F", description = "share of each group to keep, 0..1")
    Double fraction;

    @Option(names = "--per-class", paramLabel = "N", description = "rows to keep per group")
    Integer perClass;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Budget budget;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "seed (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--features", defaultValue = "pixels:8", paramLabel = "SPEC",
      description = "pixels[:S], projection:D[:S], convnet, phash or embedding[:KEY] (an existing embedding, "
          + "l14_img by default, from --embeddings) (default ${DEFAULT-VALUE})")
  String features;

  @Option(names = "--embeddings", paramLabel = "POOL",
      description = "embedding features: a DataComp pool folder (metadata/*.parquet with the .npz beside them), "
          + "joined on the uid")
  Path embeddings;

  @Option(names = "--group", defaultValue = "label", paramLabel = "G",
      description = "label, split or kmeans:K (default ${DEFAULT-VALUE})")
  String group;

  @Option(names = "--scores", paramLabel = "FILE", description = "CSV of sample_id,score (ccs)")
  Path scores;

  @Option(names = "--dq-bins", defaultValue = "10", paramLabel = "K",
      description = "dq: bins (default ${DEFAULT-VALUE})")
  int dqBins;

  @Option(names = "--graphcut-lambda", defaultValue = "1.0", paramLabel = "L",
      description = "graphcut: lambda (default ${DEFAULT-VALUE})")
  double lambda;

  @Option(names = "--ccs-beta", defaultValue = "0.1", paramLabel = "B",
      description = "ccs: share of the hardest rows pruned first (default ${DEFAULT-VALUE})")
  double ccsBeta;

  @Option(names = "--ccs-strata", defaultValue = "50", paramLabel = "N",
      description = "ccs: score strata (default ${DEFAULT-VALUE})")
  int ccsStrata;

  @Option(names = "--ccs-easy-is-high", description = "ccs: a high score means easy (e.g. AUM); default: hard")
  boolean easyIsHigh;

  @Option(names = "--eps", defaultValue = "0.07", paramLabel = "E",
      description = "semdedup: drop rows with cosine > 1 - E to a kept row (default ${DEFAULT-VALUE})")
  double eps;

  @Option(names = "--subset-out", paramLabel = "FILE.npy",
      description = "also write the chosen ids as DataComp's uid subset (image pools whose ids are uids); an "
          + "existing file is replaced only with --overwrite")
  Path subsetOut;

  @Option(names = "--max-group-bytes", defaultValue = "2147483648", paramLabel = "B",
      description = "memory one group may need; a larger group fails the run (default ${DEFAULT-VALUE})")
  long maxGroupBytes;

  @Option(names = "--overwrite", description = "replace the results of an earlier run in the output folder (and "
      + "the --subset-out file)")
  boolean overwrite;

  @Option(names = "--no-progress", description = "no progress bar on stderr")
  boolean noProgress;

  @Unmatched
  List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    BeamArgs.check(beamArgs);
    if (scores != null && !java.nio.file.Files.isRegularFile(scores)) { // before the run (TextIO's "No files matched")
      throw java.nio.file.Files.isDirectory(scores)
          ? new IllegalArgumentException("--scores " + scores + " is a folder, expected a CSV of sample_id,score")
          : new java.nio.file.NoSuchFileException(scores.toString());
    }
    if (subsetOut != null) {
      OutputFile.requireExtension("select --subset-out", subsetOut, "DataComp's uid subset (NPY)", ".npy");
      OutputFile.check(subsetOut, overwrite);
    }
    SelectParameters parameters = new SelectParameters(budget.fraction, budget.perClass, seed, lambda, dqBins,
        ccsBeta, ccsStrata, !easyIsHigh, eps);
    SelectSettings settings = new SelectSettings(input, output, SelectionMethod.fromName(method), parameters,
        FeatureSpec.parse(features), Grouping.parse(group), scores, subsetOut, maxGroupBytes,
        SelectSettings.DEFAULT_KMEANS_SAMPLE, overwrite, !noProgress && StderrTerminal.isTerminal(), beamArgs,
        embeddings);
    SelectJob.Result r = SelectJob.run(settings);
    System.out.printf(Locale.ROOT, "selected %d of %d rows (%s) into %s, %.1f s%n", r.selected(), r.inputs(),
        method, Wording.count(r.shards(), "shard"), r.seconds());
    System.out.println("output:    " + output.toAbsolutePath().normalize());
    Path out = output.toAbsolutePath().normalize();
    System.out.println("selection: " + r.manifest().resolveSibling("selection.parquet"));
    System.out.println("manifest:  " + r.manifest());
    if (r.selected() == 0 && r.inputs() > 0) { // as convert and curate: a run that wrote nothing exits 1
      System.err.println("evshard select: no row was selected: every group's budget is 0 (round(rows x --fraction) "
          + "or --per-class); give a larger --fraction or --per-class" + (!r.manifest().getParent().endsWith(
              org.evshard.pipelines.convert.OutputFolder.FAILED_RUN_DIR) ? "" : "; the earlier results in " + out + " were kept"));
      return 1;
    }
    return 0;
  }
}
