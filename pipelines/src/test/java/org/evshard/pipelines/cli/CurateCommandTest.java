package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.evshard.datasets.image.ImageCorpora;
import org.evshard.io.Fixtures;
import org.evshard.io.image.ResizeMode;
import org.evshard.io.shard.ImageRow;
import org.evshard.io.shard.ImageShardReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evshard curate --help} names what the command accepts (it had left out two corpora and a resize mode). */
class CurateCommandTest {

  @Test
  void theHelpNamesEveryCorpusAndEveryResizeMode() {
    CliOutput r = CliOutput.run("curate", "--help");
    assertEquals(0, r.exitCode, r.err);
    String help = r.out.replaceAll("\\s+", " ");
    for (String corpus : ImageCorpora.names()) {
      assertTrue(help.contains(corpus), corpus + " missing from: " + help);
    }
    for (ResizeMode m : ResizeMode.values()) {
      assertTrue(help.contains(m.name().toLowerCase(Locale.ROOT)), m + " missing from: " + help);
    }
  }
  /** {@code --encode-format png} failed unless --encode-quality was given: the JPEG default 95 was applied to PNG. */
  @Test
  void pngTakesItsOwnDefaultCompressionAndAQualityOutsideItsRangeIsRefused(@TempDir Path tmp) throws Exception {
    String input = Fixtures.root().resolve("fixtures/images/cifar10").toString();
    Path out = tmp.resolve("png");
    CliOutput png = CliOutput.run("curate", "--dataset", "image-folder", "--input", input, "--output", out.toString(),
        "--image-size", "24", "--resize-mode", "fixed", "--encode-format", "png", "--no-progress");
    assertEquals(0, png.exitCode, png.err);
    List<ImageRow> rows = new ArrayList<>();
    try (Stream<Path> shards = Files.walk(out)) {
      for (Path shard : shards.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        rows.addAll(ImageShardReader.readAll(shard));
      }
    }
    assertFalse(rows.isEmpty());
    for (ImageRow row : rows) {
      assertEquals(List.of((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G'), List.of(row.image()[0], row.image()[1],
          row.image()[2], row.image()[3]), row.sampleId());
    }
    CliOutput bad = CliOutput.run("curate", "--dataset", "image-folder", "--input", input, "--output",
        tmp.resolve("bad").toString(), "--image-size", "24", "--encode-format", "png", "--encode-quality", "95",
        "--no-progress");
    assertEquals(2, bad.exitCode, bad.err);
    assertTrue(bad.err.contains("--encode-quality 95: For png, encode quality represents compression which must be "
        + "between 0 and 9, got 95"), bad.err);
  }

  /** An --overwrite rerun that rejects every image put an empty output in place of good shards; now they stay. */
  @Test
  void anOverwriteRerunThatWritesNothingKeepsTheEarlierShards(@TempDir Path tmp) throws Exception {
    String input = Fixtures.root().resolve("fixtures/images/cifar10").toString();
    Path out = tmp.resolve("out");
    CliOutput first = CliOutput.run("curate", "--dataset", "image-folder", "--input", input, "--output",
        out.toString(), "--image-size", "24", "--resize-mode", "fixed", "--no-progress");
    assertEquals(0, first.exitCode, first.err);
    String manifest = Files.readString(out.resolve("manifest.json"));
    CliOutput rerun = CliOutput.run("curate", "--dataset", "image-folder", "--input", input, "--output",
        out.toString(), "--image-size", "24", "--resize-mode", "fixed", "--max-pixels", "600", "--overwrite",
        "--no-progress");
    assertEquals(1, rerun.exitCode, rerun.err);
    Path failed = out.resolve(".evshard-failed-run");
    assertTrue(rerun.err.contains("the earlier results in " + out + " were kept"), rerun.err);
    assertEquals(1, rerun.err.lines().filter(l -> l.startsWith("evshard curate: no sample was written")).count(),
        "one closing line: " + rerun.err);
    assertTrue(rerun.err.contains("inputs were rejected (see " + failed.resolve("errors.jsonl") + ")"), rerun.err);
    assertEquals(manifest, Files.readString(out.resolve("manifest.json")));
    assertEquals(0, CliOutput.run("verify", out.toString()).exitCode, "the earlier results verify");
    assertTrue(Files.exists(failed.resolve("curate_report.json")), "the empty run's report, to look at");
    assertTrue(Files.exists(out.resolve("curate_report.json")), "the earlier run's report");
  }
}
