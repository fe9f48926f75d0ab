package org.evshard.pipelines.cli;

/**
 * The one-line message the command line prints for a failure, in words ({@link
 * org.evshard.pipelines.output.FileErrors}: {@code no such file: /x.bin}, {@code permission denied: /out.npy}). A
 * failure inside a pipeline comes wrapped by the runner ({@code PipelineExecutionException: org.evshard...Exception:
 * ...}, or Flink's and Spark's layers): the first exception below the runners' layers is described when it is
 * evshard's, else the cause of a wrapper that only repeats it. evshard's own wrappers, which add context (a group, an
 * option), are described as they are.
 */
final class CliErrors {

  private CliErrors() {}

  static String describe(Throwable e) {
    // Flink ("Pipeline execution failed" > JobExecutionException > ... > UserCodeException) and Spark ("Failed to
    // read data.") wrap a failure in several layers of their own words: below the runners' layers is what happened
    Throwable c = e;
    while (c.getCause() != null && c.getCause() != c && isRunnersLayer(c)) {
      c = c.getCause();
    }
    if (c != e && c.getClass().getName().startsWith("org.evshard.")) {
      return org.evshard.pipelines.output.FileErrors.describe(c);
    }
    Throwable cause = e.getCause();
    if (cause != null && cause != e && (e instanceof org.apache.beam.sdk.Pipeline.PipelineExecutionException
        || e.getMessage() != null && e.getMessage().equals(cause.toString()))) {
      // a runner's wrapper whose message is only its cause's class and message: say what the cause says
      return describe(cause);
    }
    return org.evshard.pipelines.output.FileErrors.describe(e);
  }

  /** A runner's or Beam's wrapper: its class is theirs, or theirs threw it (Flink's plain RuntimeException). */
  private static boolean isRunnersLayer(Throwable t) {
    if (isRunners(t.getClass().getName())) {
      return true;
    }
    StackTraceElement[] trace = t.getStackTrace();
    return trace.length > 0 && isRunners(trace[0].getClassName());
  }

  private static boolean isRunners(String className) {
    return className.startsWith("org.apache.beam.") || className.startsWith("org.apache.flink.")
        || className.startsWith("org.apache.spark.");
  }
}
