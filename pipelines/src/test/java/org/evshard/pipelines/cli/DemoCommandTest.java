package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evshard demo} refuses corpus sizes it cannot make, before it writes anything. */
class DemoCommandTest {

  @TempDir
  Path tmp;

  @Test
  void negativeOrEmptyCorpusSizesAreRefused() {
    for (String[] sizes : new String[][] {{"-1", "5"}, {"20", "-2"}, {"0", "0"}}) {
      Path dir = tmp.resolve("demo" + sizes[0] + sizes[1]);
      CliOutput r = CliOutput.run("demo", "--dir", dir.toString(), "--train-per-class", sizes[0],
          "--test-per-class", sizes[1]);
      assertNotEquals(0, r.exitCode, r.out);
      assertTrue(r.err.contains("--train-per-class and --test-per-class must be >= 0"), r.err);
      assertFalse(Files.exists(dir), "nothing written for " + String.join(",", sizes));
    }
  }
}
