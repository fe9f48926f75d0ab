package org.evshard.pipelines.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.evshard.pipelines.convert.RunnerParity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The convert pipeline on Beam's Flink runner, on an embedded Flink cluster with two task slots. */
class FlinkRunnerTest {

  @TempDir
  Path tmp;

  @Test
  void convertOnEmbeddedFlinkWritesTheSameShardsAsTheDirectRunner() throws Exception {
    double seconds = RunnerParity.assertSameShardsAsDirectRunner(tmp,
        List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));
    System.out.printf(Locale.ROOT, "FlinkRunner [local] parallelism 2: %.1f s%n", seconds);
  }

  @Test
  void selectGivesTheSameSelectionAsTheDirectRunner() throws Exception {
    org.evshard.pipelines.select.SelectParity.assertSameSelectionAsDirectRunner(tmp.resolve("select"),
        List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));
  }

  @Test
  void flinkOptionsPassThroughTheCommandLine() {
    PipelineOptions options = BeamOptions.create(
        List.of("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081", "--parallelism=3"));
    assertEquals(FlinkRunner.class, options.getRunner());
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    assertEquals("127.0.0.1:8081", flink.getFlinkMaster());
    assertEquals(3, flink.getParallelism());
    assertTrue(!BeamOptions.isDirect(options));
  }
}
