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
  @Test
  void theFirstOfEvshardsExceptionsInARunnersChainIsDescribed() {
    Throwable flink = new RuntimeException("Pipeline execution failed", new Exception("Job execution failed.",
        new Exception("Recovery is suppressed by NoRestartBackoffTimeStrategy", UserCodeException.wrap(LZ4))));
    Throwable spark = new RuntimeException("Failed to read data.", LZ4);
    String expected = "bad.aedat4 at byte 29911150 (0x1c8686e): LZ4 literal run of 100996 bytes overruns its block";
    assertEquals(expected, CliErrors.describe(flink));
    assertEquals(expected, CliErrors.describe(spark));
    assertEquals(expected, CliErrors.describe(LZ4));
  }

  @Test
  void withoutOneTheFileSystemsWordsOrTheWrappersCauseAreDescribed() {
    assertEquals("no such file: /x.bin", CliErrors.describe(new NoSuchFileException("/x.bin")));
    IllegalStateException inner = new IllegalStateException("boom");
    assertEquals("boom", CliErrors.describe(new RuntimeException(inner.toString(), inner)));
  }
}
