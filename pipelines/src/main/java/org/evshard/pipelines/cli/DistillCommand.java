package org.evshard.pipelines.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.evshard.pipelines.distill.DistillJob;
import org.evshard.pipelines.distill.DistillSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code evshard distill}: synthetic images per class by Distribution Matching over image shards. */
@Command(name = "distill", mixinStandardHelpOptions = true,
    description = {"Distil image shards (evshard curate output) into --ipc synthetic images per class by Distribution "
        + "Matching (CPU edition: a fixed pool of seeded random ConvNets, no augmentation), written as image shards "
        + "(PNG) with a manifest holding the parameters and the loss curves. See docs/SELECTION.md.",
        "Standard Beam options (e.g. --runner=FlinkRunner) are passed to the pipeline."})
public final class DistillCommand implements Callable<Integer> {

  @Option(names = "--input", required = true, paramLabel = "DIR", description = "image shards written by evshard "
      + "(a folder with manifest.json)")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder")
  Path output;

  @Option(names = "--ipc", required = true, paramLabel = "N", description = "synthetic images per class")
  int ipc;

  @Option(names = "--iterations", defaultValue = "" + DistillSettings.DEFAULT_ITERATIONS, paramLabel = "I",
      description = "SGD iterations per class (default ${DEFAULT-VALUE}; the paper runs 20000)")
  int iterations;

  @Option(names = "--nets", defaultValue = "" + DistillSettings.DEFAULT_NETS, paramLabel = "M",
      description = "seeded random ConvNets in the pool; iteration i uses net i mod M (default ${DEFAULT-VALUE})")
  int nets;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "S",
      description = "seed of the nets and of the initial images (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--lr", defaultValue = "" + DistillSettings.DEFAULT_LR, paramLabel = "LR",
      description = "learning rate on the synthetic pixels (default ${DEFAULT-VALUE})")
  double lr;

  @Option(names = "--momentum", defaultValue = "" + DistillSettings.DEFAULT_MOMENTUM, paramLabel = "M",
      description = "SGD momentum (default ${DEFAULT-VALUE})")
  double momentum;

  @Option(names = "--image-size", defaultValue = "" + DistillSettings.DEFAULT_IMAGE_SIZE, paramLabel = "S",
      description = "side of the square RGB images the nets see and the synthetic images have (default "
          + "${DEFAULT-VALUE})")
  int imageSize;

  @Option(names = "--split", defaultValue = "train", paramLabel = "NAME",
      description = "the split to distil, or all (default ${DEFAULT-VALUE})")
  String split;

  @Option(names = "--overwrite", description = "replace the results of an earlier run in the output folder")
  boolean overwrite;

  @Option(names = "--no-progress", description = "no progress bar on stderr")
  boolean noProgress;

  @Unmatched
  List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    BeamArgs.check(beamArgs);
    DistillSettings s = new DistillSettings(input, output, ipc, iterations, nets, seed, lr, momentum, imageSize,
        split, overwrite, !noProgress && StderrTerminal.isTerminal(), beamArgs);
    DistillJob.Result r = DistillJob.run(s);
    System.out.printf(Locale.ROOT, "distilled %d classes x %d images from %d real images (%d rejected), %.1f s%n",
        r.classes(), ipc, r.used(), r.rejected(), r.seconds());
    System.out.println("output:   " + output.toAbsolutePath().normalize());
    System.out.println("manifest: " + r.manifest());
    if (r.synthetic() == 0 && r.inputs() > 0) { // as convert, curate and select: a run that wrote nothing exits 1
      boolean kept = r.manifest().getParent().endsWith(org.evshard.pipelines.convert.OutputFolder.FAILED_RUN_DIR);
      System.err.println("evshard distill: no image was written: all " + r.inputs() + " inputs were rejected (see "
          + r.manifest().resolveSibling("errors.jsonl") + ")" + (kept ? "; the earlier results in "
          + output.toAbsolutePath().normalize() + " were kept" : ""));
      return 1;
    }
    return 0;
  }
}
