package org.evshard.pipelines.cli;

/**
 * The one-line message the command line prints for a failure, in words ({@link
 * org.evshard.pipelines.output.FileErrors}: {@code no such file: /x.bin}, {@code permission denied: /out.npy}). A
 * failure inside a pipeline comes wrapped by the runner ({@code PipelineExecutionException: org.evshard...Exception:
 * ...}, or Flink's and Spark's layers): the first of evshard's own exceptions in the cause chain is described, else
 * the cause of a wrapper that only repeats it.
 */
final class CliErrors {

  private CliErrors() {}

  static String describe(Throwable e) {
    // Flink ("Pipeline execution failed" > JobExecutionException > ... > UserCodeException) and Spark ("Failed to
    // read data.") wrap a failure in several layers of their own words: the first of evshard's exceptions in the
    // chain is what happened
    for (Throwable c = e, seen = null; c != null && c != seen; seen = c, c = c.getCause()) {
      if (c.getClass().getName().startsWith("org.evshard.")) {
        return org.evshard.pipelines.output.FileErrors.describe(c);
      }
    }
    Throwable cause = e.getCause();
    if (cause != null && cause != e && (e instanceof org.apache.beam.sdk.Pipeline.PipelineExecutionException
        || e.getMessage() != null && e.getMessage().equals(cause.toString()))) {
      // a runner's wrapper whose message is only its cause's class and message: say what the cause says
      return describe(cause);
    }
    return org.evshard.pipelines.output.FileErrors.describe(e);
  }
}
