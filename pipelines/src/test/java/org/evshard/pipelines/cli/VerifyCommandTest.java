package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestCounts;
import org.evshard.pipelines.convert.ConvertJob;
import org.evshard.pipelines.convert.ConvertResult;
import org.evshard.pipelines.convert.ConvertSettings;
import org.evshard.pipelines.demo.DemoCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {

  @TempDir
  Path tmp;

  private Path convertSmallCorpus() throws Exception {
    Path input = tmp.resolve("nmnist");
    DemoCorpus.write(input, 2, 1, 0.0, 3);
    Path output = tmp.resolve("out");
    ConvertJob.run(ConvertSettings.of("nmnist", input, output));
    return output;
  }

  private static String run(Path output, int expectedExit) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    assertEquals(expectedExit, VerifyCommand.verify(output, new PrintStream(buf, true)), buf.toString());
    return buf.toString();
  }

  /** The OK line called samples "rows": a sliced run of 2 samples in 9 rows said "2 rows written". */
  @Test
  void theOkLineCountsSamplesAndTheRowsASlicerMadeOfThem() throws Exception {
    Path input = tmp.resolve("nmnist");
    DemoCorpus.write(input, 2, 1, 0.0, 3);
    Path plain = tmp.resolve("plain");
    ConvertResult one = ConvertJob.run(ConvertSettings.of("nmnist", input, plain));
    String ok = run(plain, 0);
    assertTrue(ok.startsWith("OK ") && ok.contains(" shards, " + one.written() + " samples written, 0 rejected, "
        + one.discovered() + " discovered: "), ok);
    Path sliced = tmp.resolve("sliced");
    ConvertJob.run(ConvertSettings.of("nmnist", input, sliced)
        .withTransforms(List.of("slice_by_event_count(event_count=500)")));
    ManifestCounts counts = Manifest.read(sliced.resolve(Manifest.FILE_NAME)).counts();
    assertTrue(counts.rowCount() > counts.written());
    assertTrue(run(sliced, 0).contains(", " + counts.written() + " samples written in " + counts.rowCount()
        + " rows, 0 rejected"), run(sliced, 0));
  }

  @Test
  void aFreshRunVerifiesAndAChangedByteFails() throws Exception {
    Path output = convertSmallCorpus();
    assertTrue(run(output, 0).startsWith("OK "));
    assertEquals(0, EvshardCli.execute("verify", output.toString()));

    Path shard;
    try (Stream<Path> s = Files.walk(output.resolve("train"))) {
      shard = s.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    try (FileChannel ch = FileChannel.open(shard, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ByteBuffer b = ByteBuffer.allocate(1);
      long at = ch.size() / 2;
      ch.read(b, at);
      b.put(0, (byte) (b.get(0) ^ 0x5A));
      ch.write(b.flip(), at);
    }
    String report = run(output, 1);
    assertTrue(report.contains("sha256 differs"), report);
    assertEquals(1, EvshardCli.execute("verify", output.toString()));
  }

  @Test
  void aMissingManifestOrAStrayShardFails() throws Exception {
    Path output = convertSmallCorpus();
    Files.write(output.resolve("train/part-extra.parquet"), List.of("x"));
    assertTrue(run(output, 1).contains("not listed"));
    Files.delete(output.resolve("manifest.json"));
    assertTrue(run(output, 1).contains("missing"));
  }

  /** A truncated or empty manifest is a failed check (exit 1, it was exit 2) without Jackson's internals. */
  @Test
  void aDamagedManifestFailsTheCheckAndSaysWhere() throws Exception {
    Path output = convertSmallCorpus();
    Path manifest = output.resolve("manifest.json");
    byte[] whole = Files.readAllBytes(manifest);
    Files.write(manifest, java.util.Arrays.copyOf(whole, whole.length / 2));
    CliOutput cut = CliOutput.run("verify", output.toString());
    assertEquals(1, cut.exitCode, cut.out + cut.err);
    assertTrue(cut.out.startsWith("FAIL " + manifest + ": cannot read manifest: line "), cut.out);
    assertFalse(cut.out.contains("REDACTED") || cut.out.contains("org.evshard"), cut.out);
    Files.write(manifest, new byte[0]);
    CliOutput empty = CliOutput.run("verify", output.toString());
    assertEquals(1, empty.exitCode, empty.out + empty.err);
    assertTrue(empty.out.startsWith("FAIL " + manifest + ": cannot read manifest"), empty.out);
  }

  @Test
  void aMissingFolderOrAFileIsAnInputErrorNotAFailedCheck() throws Exception {
    Path missing = tmp.resolve("no-such-run");
    CliOutput r = CliOutput.run("verify", missing.toString());
    assertEquals(2, r.exitCode, r.out + r.err);
    assertEquals("evshard verify: no such file: " + missing + " (the output folder to verify does not exist)",
        r.err.strip());
    assertEquals("", r.out);

    Path file = Files.writeString(tmp.resolve("manifest.json"), "{}");
    CliOutput notAFolder = CliOutput.run("verify", file.toString());
    assertEquals(2, notAFolder.exitCode, notAFolder.out + notAFolder.err);
    assertEquals("evshard verify: not a directory: " + file, notAFolder.err.strip());

    // an existing folder without a manifest stays a failed check: the run did not finish
    Path empty = Files.createDirectory(tmp.resolve("unfinished"));
    CliOutput unfinished = CliOutput.run("verify", empty.toString());
    assertEquals(1, unfinished.exitCode, unfinished.out + unfinished.err);
    assertTrue(unfinished.out.startsWith("FAIL " + empty.resolve("manifest.json") + ": missing"), unfinished.out);
  }
}
