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
}
