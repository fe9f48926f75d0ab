package org.evshard.pipelines.runner;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.joda.time.Duration;

/** Runs a pipeline to the end, drawing a progress bar on stderr from counters when asked. */
public final class PipelineRun {

  private PipelineRun() {}

  /**
   * Runs {@code pipeline} and waits for it; fails unless it ends {@code DONE}.
   *
   * @param counterNamespace class whose counters measure progress
   * @param counters names of the counters whose sum reaches {@code total} at the end
   */
  public static PipelineResult runToEnd(Pipeline pipeline, String label, long total, boolean progress,
      Class<?> counterNamespace, String... counters) {
    return runToEnd(pipeline, label, total, progress, null, counterNamespace, counters);
  }

  /**
   * As {@link #runToEnd(Pipeline, String, long, boolean, Class, String...)}; the bar also follows {@code live} (may be
   * null), which workers in this JVM raise per item, before their bundle commits the counters.
   */
  public static PipelineResult runToEnd(Pipeline pipeline, String label, long total, boolean progress, LiveCount live,
      Class<?> counterNamespace, String... counters) {
    try {
      return run(pipeline, label, total, progress, live, counterNamespace, counters);
    } finally {
      if (live != null) {
        live.release();
      }
    }
  }

  private static PipelineResult run(Pipeline pipeline, String label, long total, boolean progress, LiveCount live,
      Class<?> counterNamespace, String... counters) {
    PipelineResult result;
    PipelineResult.State state;
    if (progress && total != 0) { // nothing to count: no 0/0 bar
      try (ProgressBar bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
              new PrintStream(System.err, true))).setUpdateIntervalMillis(250).build()) {
        result = runFollowing(pipeline, bar, live, total);
        do {
          state = result.waitUntilFinish(Duration.millis(250));
          long done = Math.max(live == null ? 0 : live.value(), sum(result, counterNamespace, counters));
          bar.stepTo(total < 0 ? done : Math.min(total, done));
        } while (state == null || !state.isTerminal());
        bar.stepTo(sum(result, counterNamespace, counters));
      }
    } else {
      result = pipeline.run();
      state = result.waitUntilFinish();
    }
    if (state != PipelineResult.State.DONE) {
      // the DirectRunner's way to end on an Error in a worker thread: it is logged above, the state stays RUNNING
      throw new IllegalStateException("pipeline ended " + state + ", not DONE" + (state != null && state.isTerminal()
          ? "" : ": a worker stopped on an error the runner did not hand on (logged above; an OutOfMemoryError "
              + "above all: " + org.evshard.transforms.OutputBudget.MORE_HEAP + ")"));
    }
    return result;
  }

  /**
   * {@code pipeline.run()}, the bar following {@code live} meanwhile: an embedded Flink runs the whole job inside
   * {@code run()} (the DirectRunner and Spark return at once), so the bar stood still at nothing and then jumped to
   * the end. A failure of {@code run()} is thrown as it was.
   */
  static PipelineResult runFollowing(Pipeline pipeline, ProgressBar bar, LiveCount live, long total) {
    java.util.concurrent.CompletableFuture<PipelineResult> started = new java.util.concurrent.CompletableFuture<>();
    Thread runner = new Thread(() -> {
      try {
        started.complete(pipeline.run());
      } catch (Throwable e) {
        started.completeExceptionally(e);
      }
    }, "evshard-pipeline-run");
    runner.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    runner.setDaemon(true);
    runner.start();
    while (true) {
      try {
        return started.get(250, java.util.concurrent.TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.TimeoutException stillRunning) {
        if (live != null) {
          long done = live.value();
          bar.stepTo(total < 0 ? done : Math.min(total, done));
        }
      } catch (java.util.concurrent.ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new IllegalStateException(cause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the pipeline ran", e);
      }
    }
  }

  /** The attempted value of the counters {@code names} of {@code namespace}, summed over steps. */
  public static long counter(PipelineResult result, Class<?> namespace, String... names) {
    return sum(result, namespace, names);
  }

  /**
   * The attempted values of the counters of {@code namespace} whose names start with {@code prefix}, by name (summed
   * over steps), in name order; empty when none was incremented.
   */
  public static java.util.SortedMap<String, Long> counters(PipelineResult result, Class<?> namespace, String prefix) {
    java.util.SortedMap<String, Long> found = new java.util.TreeMap<>();
    MetricQueryResults q = result.metrics().queryMetrics(
        MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(namespace)).build());
    for (MetricResult<Long> c : q.getCounters()) {
      String name = c.getName().getName();
      Long v = c.getAttempted();
      if (name.startsWith(prefix) && v != null && v > 0) {
        found.merge(name, v, Long::sum);
      }
    }
    return found;
  }

  private static long sum(PipelineResult result, Class<?> namespace, String... names) {
    long total = 0;
    for (String name : names) {
      MetricQueryResults q = result.metrics().queryMetrics(
          MetricsFilter.builder().addNameFilter(MetricNameFilter.named(namespace, name)).build());
      for (MetricResult<Long> c : q.getCounters()) {
        Long v = c.getAttempted();
        total += v == null ? 0 : v;
      }
    }
    return total;
  }
}
