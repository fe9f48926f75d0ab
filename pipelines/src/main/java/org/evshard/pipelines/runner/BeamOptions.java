package org.evshard.pipelines.runner;

import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Standard Beam options from the command line ({@code --runner=...}, {@code --parallelism=...}), with laptop defaults
 * for the DirectRunner: its immutability and encodability checks re-encode every element, which are test aids and
 * halve conversion speed; they stay available with {@code --enforceImmutability=true}.
 *
 * <p>Other runners take their options unchanged ({@code --runner=FlinkRunner --flinkMaster=HOST:PORT
 * --parallelism=N}, {@code --runner=SparkRunner --sparkMaster=spark://HOST:PORT}); their jars come from the
 * {@code pipelines-flink} / {@code pipelines-spark} modules ({@code EVSHARD_RUNNER=flink|spark scripts/evshard}, or
 * the submission jars, see {@code docs/CLUSTERS.md}).
 */
public final class BeamOptions {

  private BeamOptions() {}

  public static PipelineOptions create(List<String> args) {
    BeamWarmUp.await();
    PipelineOptions options;
    try {
      options = PipelineOptionsFactory.fromArgs(args.toArray(String[]::new)).withValidation().create();
    } catch (IllegalArgumentException e) {
      String twice = givenTwice(args, e);
      if (twice != null) {
        throw new IllegalArgumentException(twice, e);
      }
      String hint = runnerHint(args);
      throw hint == null ? e : new IllegalArgumentException(e.getMessage() + "\n" + hint, e);
    }
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

  /**
   * When Beam refused a single-valued option given twice (in Guava's words, "expected one element but was: <3, 2>"),
   * which option it was; else null. List-valued options may repeat.
   */
  static String givenTwice(List<String> args, IllegalArgumentException e) {
    if (e.getMessage() == null || !e.getMessage().startsWith("expected one element but was")) {
      return null;
    }
    java.util.Map<String, String> seen = new java.util.LinkedHashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      String name = eq < 0 ? a : a.substring(0, eq);
      String before = seen.put(name, a);
      if (before != null) {
        return "the Beam option " + name + " is given twice ('" + before + "' and '" + a + "'): give it once";
      }
    }
    return null;
  }

  /** What to do when a runner's options are given but the runner's jars are not on the classpath. */
  static String runnerHint(List<String> args) {
    for (String runner : new String[] {"flink", "spark"}) {
      boolean asked = args.stream().anyMatch(a -> a.toLowerCase(java.util.Locale.ROOT).startsWith("--runner=" + runner)
          || a.startsWith("--" + runner + "Master"));
      if (asked && !onClasspath(runner)) {
        return "The " + runner + " runner is not on the classpath: run with EVSHARD_RUNNER=" + runner
            + " scripts/evshard ..., or submit evshard-" + runner + ".jar (docs/CLUSTERS.md).";
      }
    }
    return null;
  }

  private static boolean onClasspath(String runner) {
    String name = runner.equals("flink") ? "org.apache.beam.runners.flink.FlinkRunner"
        : "org.apache.beam.runners.spark.SparkRunner";
    try {
      Class.forName(name, false, BeamOptions.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static boolean mentions(List<String> args, String name) {
    return args.stream().anyMatch(a -> a.startsWith("--" + name));
  }
}
