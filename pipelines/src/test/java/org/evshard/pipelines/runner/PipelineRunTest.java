package org.evshard.pipelines.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/** The progress bar while a runner runs the whole job inside {@code run()}, as an embedded Flink does. */
@Isolated // replaces System.err for a moment
class PipelineRunTest {

  private static final ByteArrayOutputStream ERR = new ByteArrayOutputStream();
  static volatile LiveCount live;
  static volatile boolean sawThreeDuringRun;
  static volatile RuntimeException failure;

  @Test
  void theBarFollowsTheWorkersWhileRunBlocks() {
    live = LiveCount.create();
    sawThreeDuringRun = false;
    failure = null;
    PrintStream saved = System.err;
    System.setErr(new PrintStream(ERR, true, StandardCharsets.UTF_8));
    try {
      PipelineResult result = PipelineRun.runToEnd(pipeline(), "convert test", 5, true, live, PipelineRunTest.class,
          "samples");
      assertEquals(PipelineResult.State.DONE, result.getState());
    } finally {
      System.setErr(saved);
    }
    assertTrue(sawThreeDuringRun, "the bar showed 3/5 while run() was still running: " + output());
    assertTrue(output().contains("5/5"), output());
  }

  @Test
  void aFailureOfRunIsThrownAsItWas() {
    live = LiveCount.create();
    failure = new IllegalArgumentException("no such file: /x.bin");
    PrintStream saved = System.err;
    System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    try {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PipelineRun.runToEnd(pipeline(),
          "convert test", 5, true, live, PipelineRunTest.class, "samples"));
      assertSame(failure, e);
    } finally {
      System.setErr(saved);
      failure = null;
    }
  }

  private static String output() {
    return ERR.toString(StandardCharsets.UTF_8);
  }

  private static Pipeline pipeline() {
    PipelineOptions options = PipelineOptionsFactory.create();
    options.setRunner(BlockingRunner.class);
    return Pipeline.create(options);
  }

  /** Runs the whole "job" inside {@code run()}: 3 items, a pause until the bar shows them, 2 more. */
  public static final class BlockingRunner extends org.apache.beam.sdk.PipelineRunner<PipelineResult> {

    public static BlockingRunner fromOptions(PipelineOptions options) {
      return new BlockingRunner();
    }

    @Override
    public PipelineResult run(Pipeline pipeline) {
      if (failure != null) {
        throw failure;
      }
      live.add(3);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (System.nanoTime() < deadline && !sawThreeDuringRun) {
        sawThreeDuringRun = output().contains("3/5");
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      live.add(2);
      return new Done();
    }
  }

  private static final class Done implements PipelineResult {
    @Override
    public State getState() {
      return State.DONE;
    }

    @Override
    public State cancel() {
      return State.DONE;
    }

    @Override
    public State waitUntilFinish(Duration duration) {
      return State.DONE;
    }

    @Override
    public State waitUntilFinish() {
      return State.DONE;
    }

    @Override
    public MetricResults metrics() {
      return new MetricResults() {
        @Override
        public MetricQueryResults queryMetrics(MetricsFilter filter) {
          // the committed counter: every item, once the job is done
          org.apache.beam.sdk.metrics.MetricResult<Long> samples = org.apache.beam.sdk.metrics.MetricResult.create(
              org.apache.beam.sdk.metrics.MetricKey.create("convert",
                  org.apache.beam.sdk.metrics.MetricName.named(PipelineRunTest.class, "samples")), 5L, 5L);
          return MetricQueryResults.create(List.of(samples), List.of(), List.of(), List.of(), List.of(), List.of());
        }
      };
    }
  }
}
