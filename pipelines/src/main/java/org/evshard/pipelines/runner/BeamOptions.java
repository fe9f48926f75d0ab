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

  /**
   * {@link #create}, for a run about to start: a remote Flink or Spark master must answer first
   * ({@link ClusterMasterCheck}), so that a wrong address ends the command at once.
   */
  public static PipelineOptions forRun(List<String> args) {
    PipelineOptions options = create(args);
    ClusterMasterCheck.requireReachable(options.getRunner().getSimpleName(), args);
    return options;
  }

  /** The options {@code args} give, checked by Beam, with the DirectRunner's laptop defaults; nothing is contacted. */
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
      if (hint == null) {
        hint = unknownOption(args, e.getMessage());
        if (hint != null) {
          throw new IllegalArgumentException(hint, e);
        }
      }
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

  /**
   * How many workers decode in this JVM at once, sharing its heap, for a run of {@code tasks} shard tasks: the
   * DirectRunner's workers, and those of an embedded Flink ({@code --flinkMaster} absent, {@code [auto]} or
   * {@code [local]}: {@code --parallelism}, else the cores) or Spark ({@code --sparkMaster} absent, as Beam's default
   * {@code local[4]}, or {@code local}, {@code local[N]}, {@code local[*]}), at most {@code tasks}; 1 for a remote
   * master, whose workers have heaps of their own. Local Flink and Spark used the whole heap per worker where the
   * DirectRunner divided it, so the same input and heap rejected different samples on different runners.
   */
  public static int heapSharers(List<String> args, PipelineOptions options, int tasks) {
    String runner = options.getRunner().getSimpleName();
    int n;
    if (isDirect(options)) {
      n = workers(args, options);
    } else if (runner.equals("FlinkRunner")) {
      String master = value(args, "flinkMaster", "[auto]");
      n = master.equals("[auto]") || master.equals("[local]") ? workers(args, options) : 1;
    } else if (runner.equals("SparkRunner")) {
      n = localSparkThreads(value(args, "sparkMaster", "local[4]"));
    } else {
      n = 1;
    }
    return Math.max(1, Math.min(n, tasks));
  }

  /** Threads of a {@code local}, {@code local[N]}, {@code local[*]} (or {@code local[N,F]}) Spark master; else 1. */
  static int localSparkThreads(String master) {
    if (master.equals("local")) {
      return 1;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("local\\[(\\*|\\d+)(,\\d+)?]").matcher(master);
    if (!m.matches()) {
      return 1;
    }
    return m.group(1).equals("*") ? Runtime.getRuntime().availableProcessors() : Math.max(1,
        Integer.parseInt(m.group(1)));
  }

  /** The value of {@code --name=VALUE} in {@code args} (the last one), else {@code dflt}. */
  private static String value(List<String> args, String name, String dflt) {
    String v = dflt;
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        v = a.substring(name.length() + 3).trim();
      }
    }
    return v;
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

  /**
   * Beam's "Class interface org.apache.beam.sdk.options.PipelineOptions missing a property named 'parallelism'" in
   * words that name the option and the runner, with Spark's way for {@code --parallelism}; null for other messages.
   */
  static String unknownOption(List<String> args, String message) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("missing a property named '([^']+)'")
        .matcher(String.valueOf(message));
    if (!m.find()) {
      return null;
    }
    String runner = "DirectRunner";
    for (String a : args) {
      if (a.startsWith("--runner=")) {
        runner = a.substring("--runner=".length());
      }
    }
    String option = m.group(1);
    String how = option.equals("parallelism") && runner.toLowerCase(java.util.Locale.ROOT).contains("spark")
        ? ": Spark's parallelism is its master's, e.g. --sparkMaster=local[4], or the executors' cores on a cluster"
        : option.equals("parallelism") && runner.equals("DirectRunner")
            ? ": the DirectRunner takes --targetParallelism=N" : " (docs/CLUSTERS.md lists each runner's options)";
    int mean = String.valueOf(message).indexOf("Did you mean");
    return "--" + option + " is not an option of the " + runner + how
        + (mean >= 0 ? ". " + message.substring(mean).strip() : "");
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
