package org.evshard.pipelines.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.evshard.pipelines.convert.RunnerParity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The convert pipeline on Beam's Spark runner, in-process with two local executor threads. */
class SparkRunnerTest {

  @TempDir
  Path tmp;

  @Test
  void convertOnLocalSparkWritesTheSameShardsAsTheDirectRunner() throws Exception {
    double seconds = RunnerParity.assertSameShardsAsDirectRunner(tmp,
        List.of("--runner=SparkRunner", "--sparkMaster=local[2]"));
    System.out.printf(Locale.ROOT, "SparkRunner local[2]: %.1f s%n", seconds);
  }

  @Test
  void selectGivesTheSameSelectionAsTheDirectRunner() throws Exception {
    org.evshard.pipelines.select.SelectParity.assertSameSelectionAsDirectRunner(tmp.resolve("select"),
        List.of("--runner=SparkRunner", "--sparkMaster=local[2]"));
  }

  @Test
  void distillGivesTheSameSyntheticImagesAsTheDirectRunner() throws Exception {
    double seconds = org.evshard.pipelines.distill.DistillParity.assertSameDistillationAsDirectRunner(
        tmp.resolve("distill"), List.of("--runner=SparkRunner", "--sparkMaster=local[2]"));
    System.out.printf(Locale.ROOT, "distill on SparkRunner local[2]: %.1f s%n", seconds);
  }

  @Test
  void sparkOptionsPassThroughTheCommandLine() {
    PipelineOptions options = BeamOptions.create(
        List.of("--runner=SparkRunner", "--sparkMaster=spark://127.0.0.1:7077"));
    assertEquals(SparkRunner.class, options.getRunner());
    assertEquals("spark://127.0.0.1:7077", options.as(SparkPipelineOptions.class).getSparkMaster());
    assertTrue(!BeamOptions.isDirect(options));
  }

  /** A run on a master that does not answer ends at once, naming it (Beam retried for 70-85 s, then its own words). */
  @Test
  void aRunOnAnUnreachableMasterEndsAtOnceNamingIt() throws Exception {
    RunnerParity.assertUnreachableMasterRefused("SparkRunner", "--sparkMaster=spark://127.0.0.1:", "the Spark master spark://127.0.0.1:");
  }

}
