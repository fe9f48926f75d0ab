package org.evshard.pipelines.runner;

import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Standard Beam options from the command line ({@code --runner=...}, {@code --parallelism=...}), with laptop defaults
 * for the DirectRunner: its immutability and encodability checks re-encode every element, which are test aids and
 * halve conversion speed; they stay available with {@code --enforceImmutability=true}.
 */
public final class BeamOptions {

  private BeamOptions() {}

  public static PipelineOptions create(List<String> args) {
    PipelineOptions options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().create();
    if (isDirect(options)) {
      DirectOptions direct = options.as(DirectOptions.class);
      if (!mentions(args, "enforceImmutability")) {
        direct.setEnforceImmutability(false);
      }
      if (!mentions(args, "enforceEncodability")) {
        direct.setEnforceEncodability(false);
      }
      if (!mentions(args, "targetParallelism")) {
        direct.setTargetParallelism(Math.max(2, Runtime.getRuntime().availableProcessors()));
      }
      direct.setBlockOnRun(false);
    }
    return options;
  }

  /**
   * How many workers the run will have, to size shards: the DirectRunner's target parallelism, else a
   * {@code --parallelism=N} argument (Flink), else this machine's cores.
   */
  public static int workers(List<String> args, PipelineOptions options) {
    if (isDirect(options)) {
      return Math.max(1, options.as(DirectOptions.class).getTargetParallelism());
    }
    for (String a : args) {
      if (a.startsWith("--parallelism=")) {
        try {
          return Math.max(1, Integer.parseInt(a.substring("--parallelism=".length()).trim()));
        } catch (NumberFormatException e) {
          break;
        }
      }
    }
    return Runtime.getRuntime().availableProcessors();
  }

  public static boolean isDirect(PipelineOptions options) {
    return options.getRunner().getSimpleName().equals("DirectRunner");
  }

  private static boolean mentions(List<String> args, String name) {
    return args.stream().anyMatch(a -> a.startsWith("--" + name));
  }
}
