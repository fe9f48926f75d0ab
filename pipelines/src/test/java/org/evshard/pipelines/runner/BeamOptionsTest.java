package org.evshard.pipelines.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;

/** The DirectRunner keeps its laptop defaults; runner options without the runner's jars say where to get them. */
class BeamOptionsTest {

  @Test
  void directRunnerIsTheDefaultWithoutTheTestOnlyChecks() {
    PipelineOptions options = BeamOptions.create(List.of());
    assertTrue(BeamOptions.isDirect(options));
    DirectOptions direct = options.as(DirectOptions.class);
    assertFalse(direct.isEnforceImmutability());
    assertFalse(direct.isEnforceEncodability());
    assertTrue(direct.getTargetParallelism() >= 2);
  }

  @Test
  void explicitDirectRunnerSettingsWin() {
    DirectOptions direct = BeamOptions.create(List.of("--enforceImmutability=true", "--targetParallelism=1"))
        .as(DirectOptions.class);
    assertTrue(direct.isEnforceImmutability());
    assertEquals(1, direct.getTargetParallelism());
  }

  @Test
  void aRunnerThatIsNotOnTheClasspathNamesTheLauncherSetting() {
    // the pipelines module alone carries only the DirectRunner
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BeamOptions.create(List.of("--runner=FlinkRunner", "--flinkMaster=[local]")));
    assertTrue(e.getMessage().contains("EVSHARD_RUNNER=flink"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> BeamOptions.create(List.of("--runner=SparkRunner", "--sparkMaster=local[2]")));
    assertTrue(e.getMessage().contains("EVSHARD_RUNNER=spark"), e.getMessage());
  }
  /** A single-valued option given twice was refused in Guava's words: "expected one element but was: <3, 2>". */
  @Test
  void anOptionGivenTwiceIsNamed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BeamOptions.create(List.of("--targetParallelism=3", "--targetParallelism=2")));
    assertEquals("the Beam option --targetParallelism is given twice ('--targetParallelism=3' and "
        + "'--targetParallelism=2'): give it once", e.getMessage());
    // a list-valued option may repeat
    PipelineOptions twice = BeamOptions.create(List.of("--experiments=a", "--experiments=b"));
    assertEquals(List.of("a", "b"), twice.as(org.apache.beam.sdk.options.ExperimentalOptions.class).getExperiments());
  }

  /** Stand-ins with the runners' simple names (their jars are not on this module's class path). */
  static final class FlinkRunner extends org.apache.beam.sdk.PipelineRunner<org.apache.beam.sdk.PipelineResult> {
    @Override
    public org.apache.beam.sdk.PipelineResult run(org.apache.beam.sdk.Pipeline pipeline) {
      throw new UnsupportedOperationException();
    }
  }

  static final class SparkRunner extends org.apache.beam.sdk.PipelineRunner<org.apache.beam.sdk.PipelineResult> {
    @Override
    public org.apache.beam.sdk.PipelineResult run(org.apache.beam.sdk.Pipeline pipeline) {
      throw new UnsupportedOperationException();
    }
  }

  private static int sharers(Class<? extends org.apache.beam.sdk.PipelineRunner<?>> runner, int tasks,
      String... args) {
    PipelineOptions options = org.apache.beam.sdk.options.PipelineOptionsFactory.create();
    options.setRunner(runner);
    return BeamOptions.heapSharers(List.of(args), options, tasks);
  }

  /**
   * Embedded Flink and Spark ran their workers in this JVM with the whole heap each, where the DirectRunner divided
   * it: the same input and -Xmx rejected 4 of 4 samples on one and wrote them on the others.
   */
  @Test
  void workersInThisJvmShareItsHeapOnEveryEmbeddedRunner() {
    int cores = Runtime.getRuntime().availableProcessors();
    assertEquals(2, BeamOptions.heapSharers(List.of("--targetParallelism=2"),
        BeamOptions.create(List.of("--targetParallelism=2")), 100));
    assertEquals(1, BeamOptions.heapSharers(List.of("--targetParallelism=2"),
        BeamOptions.create(List.of("--targetParallelism=2")), 1), "no more than the shard tasks");
    assertEquals(2, sharers(FlinkRunner.class, 100, "--flinkMaster=[local]", "--parallelism=2"));
    assertEquals(3, sharers(FlinkRunner.class, 100, "--parallelism=3"), "[auto] from the command line is local");
    assertEquals(Math.min(cores, 100), sharers(FlinkRunner.class, 100, "--flinkMaster=[local]"));
    assertEquals(1, sharers(FlinkRunner.class, 100, "--flinkMaster=jobmanager:8081", "--parallelism=8"));
    assertEquals(2, sharers(SparkRunner.class, 100, "--sparkMaster=local[2]"));
    assertEquals(4, sharers(SparkRunner.class, 100), "Beam's default master, local[4]");
    assertEquals(1, sharers(SparkRunner.class, 100, "--sparkMaster=local"));
    assertEquals(Math.min(cores, 100), sharers(SparkRunner.class, 100, "--sparkMaster=local[*]"));
    assertEquals(3, sharers(SparkRunner.class, 100, "--sparkMaster=local[3,2]"));
    assertEquals(1, sharers(SparkRunner.class, 100, "--sparkMaster=spark://host:7077"));
    assertEquals(2, sharers(SparkRunner.class, 2, "--sparkMaster=local[8]"));
  }

  /** Beam's "Class interface ... missing a property named 'parallelism'" named neither the runner nor a way out. */
  @Test
  void anOptionTheRunnerDoesNotTakeIsNamedWithTheRunnersWay() {
    String beam = "Class interface org.apache.beam.sdk.options.PipelineOptions missing a property named 'parallelism'.";
    assertEquals("--parallelism is not an option of the SparkRunner: Spark's parallelism is its master's, e.g. "
        + "--sparkMaster=local[4], or the executors' cores on a cluster",
        BeamOptions.unknownOption(List.of("--runner=SparkRunner", "--parallelism=2"), beam));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BeamOptions.create(List.of("--parallelism=2")));
    assertEquals("--parallelism is not an option of the DirectRunner: the DirectRunner takes --targetParallelism=N",
        e.getMessage());
    assertEquals(null, BeamOptions.unknownOption(List.of(), "something else"));
    IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
        () -> BeamOptions.create(List.of("--targetParalelism=2")));
    assertTrue(typo.getMessage().startsWith("--targetParalelism is not an option of the DirectRunner (docs/"),
        typo.getMessage());
    assertTrue(typo.getMessage().contains("Did you mean"), "Beam's suggestion kept: " + typo.getMessage());
  }
}
