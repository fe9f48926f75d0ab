package org.evshard.pipelines.cli;

/**
 * The one-line message the command line prints for a failure, in words ({@link
 * org.evshard.pipelines.output.FileErrors}: {@code no such file: /x.bin}, {@code permission denied: /out.npy}). A
 * failure inside a pipeline comes wrapped by the runner ({@code PipelineExecutionException: org.evshard...Exception:
 * ...}): its cause is described instead.
 */
final class CliErrors {

  private CliErrors() {}

  static String describe(Throwable e) {
    Throwable cause = e.getCause();
    if (cause != null && cause != e && (e instanceof org.apache.beam.sdk.Pipeline.PipelineExecutionException
        || e.getMessage() != null && e.getMessage().equals(cause.toString()))) {
      // a runner's wrapper whose message is only its cause's class and message: say what the cause says
      return describe(cause);
    }
    return org.evshard.pipelines.output.FileErrors.describe(e);
  }
}
