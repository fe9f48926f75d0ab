package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.NoSuchFileException;
import org.apache.beam.sdk.util.UserCodeException;
import org.evshard.io.error.CorruptInputException;
import org.junit.jupiter.api.Test;

/** The one line the command line prints for a failure, whatever the runner wrapped around it. */
class CliErrorsTest {

  private static final CorruptInputException LZ4 = new CorruptInputException("bad.aedat4", 29911150,
      "LZ4 literal run of 100996 bytes overruns its block");

  /** Flink printed "Pipeline execution failed" and Spark "Failed to read data.": the reason was in a stack trace. */
  /** A plain exception as the runner's code throws it (its top frame is the runner's). */
  private static <T extends Throwable> T thrownBy(String runnerClass, T t) {
    t.setStackTrace(new StackTraceElement[] {new StackTraceElement(runnerClass, "run", "X.java", 1)});
    return t;
  }

  @Test
  void theFirstOfEvshardsExceptionsInARunnersChainIsDescribed() {
    Throwable flink = thrownBy("org.apache.beam.runners.flink.FlinkRunner", new RuntimeException(
        "Pipeline execution failed", thrownBy("org.apache.flink.runtime.minicluster.MiniCluster", new Exception(
            "Job execution failed.", thrownBy("org.apache.flink.runtime.scheduler.DefaultScheduler", new Exception(
                "Recovery is suppressed by NoRestartBackoffTimeStrategy", UserCodeException.wrap(LZ4)))))));
    Throwable spark = thrownBy("org.apache.beam.runners.spark.io.SourceRDD",
        new RuntimeException("Failed to read data.", LZ4));
    String expected = "bad.aedat4 at byte 29911150 (0x1c8686e): LZ4 literal run of 100996 bytes overruns its block";
    assertEquals(expected, CliErrors.describe(flink));
    assertEquals(expected, CliErrors.describe(spark));
    assertEquals(expected, CliErrors.describe(LZ4));
  }

  /** evshard's own wrappers add context (the group, the option): they were replaced by the bare inner reason. */
  @Test
  void evshardsOwnWrappersKeepTheirContext() {
    IllegalArgumentException option = new IllegalArgumentException("--to 'bogus' is not a format evshard writes",
        new org.evshard.io.error.UnsupportedFormatException("bogus", 0, "unknown format 'bogus'"));
    assertEquals("--to 'bogus' is not a format evshard writes", CliErrors.describe(option));
    IllegalArgumentException group = new IllegalArgumentException("group test/3 (6 rows): dq: bins must be fewer",
        new IllegalArgumentException("dq: bins must be fewer"));
    Throwable viaBeam = new org.apache.beam.sdk.Pipeline.PipelineExecutionException(group);
    assertEquals("group test/3 (6 rows): dq: bins must be fewer", CliErrors.describe(viaBeam));
  }

  @Test
  void withoutOneTheFileSystemsWordsOrTheWrappersCauseAreDescribed() {
    assertEquals("no such file: /x.bin", CliErrors.describe(new NoSuchFileException("/x.bin")));
    IllegalStateException inner = new IllegalStateException("boom");
    assertEquals("boom", CliErrors.describe(new RuntimeException(inner.toString(), inner)));
  }
}
