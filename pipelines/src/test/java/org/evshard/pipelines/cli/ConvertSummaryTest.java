package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.evshard.pipelines.convert.ConvertJob;
import org.evshard.pipelines.convert.ConvertResult;
import org.evshard.pipelines.convert.ConvertSettings;
import org.evshard.pipelines.demo.DemoCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The summary line of {@code convert} (and {@code demo}) gives a rate that means something, or none. */
class ConvertSummaryTest {

  @TempDir
  Path tmp;

  private static String firstLine(ConvertResult r) {
    PrintStream old = System.out;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
      ConvertCommand.report(r);
    } finally {
      System.setOut(old);
    }
    return buf.toString(StandardCharsets.UTF_8).lines().findFirst().orElseThrow();
  }

  private static ConvertResult timed(ConvertResult r, long discovered, double seconds) {
    return new ConvertResult(r.output(), r.manifest(), discovered, discovered, 0, discovered, r.shards(), seconds,
        r.phaseSeconds());
  }

  @Test
  void aSlowSmallRunIsNotZeroSamplesPerSecondAndAnInstantOneHasNoRate() throws Exception {
    Path input = tmp.resolve("nmnist");
    DemoCorpus.write(input, 1, 1, 0.0, 3);
    ConvertResult r = ConvertJob.run(ConvertSettings.of("nmnist", input, tmp.resolve("out")));
    int shards = r.shards();

    assertEquals("converted 2 samples: 2 written in " + shards + " shard" + (shards == 1 ? "" : "s")
        + ", 0 rejected, 5.1 s (0.392 samples/s)", firstLine(timed(r, 2, 5.1)));
    assertTrue(firstLine(timed(r, 10_000, 8.26)).endsWith(", 8.3 s (1211 samples/s)"));
    assertTrue(firstLine(timed(r, 40, 4.0)).endsWith(", 4.0 s (10 samples/s)"));
    assertTrue(firstLine(timed(r, 3, 0.0002)).endsWith(", 0.0 s"), "no rate from 0.2 ms");
    assertTrue(firstLine(timed(r, 0, 2.5)).endsWith(", 2.5 s"), "no rate of nothing");
  }
}
