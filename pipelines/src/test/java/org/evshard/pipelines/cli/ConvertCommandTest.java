package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.evshard.io.shard.Manifest;
import org.evshard.pipelines.convert.TestCorpora;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code evshard convert} options checked by the command line itself. */
class ConvertCommandTest {

  @TempDir
  Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"64", "64x", "0x48", "64xh", "64x48x3", "40000x10"})
  void aBadSensorIsRefusedWithDecodesMessageBeforeTheOutputFolderIsTouched(String sensor) throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in"));
    Path output = tmp.resolve("out");
    CliOutput convert = CliOutput.run("convert", "--dataset", "folder", "--input", input.toString(), "--output",
        output.toString(), "--sensor", sensor, "--no-progress");
    CliOutput decode = CliOutput.run("decode", tmp.resolve("any.bin").toString(), "--sensor", sensor, "-o",
        tmp.resolve("any.npy").toString());
    assertEquals(2, convert.exitCode);
    assertEquals(2, decode.exitCode);
    assertTrue(decode.err.startsWith("evshard decode: sensor geometry"), decode.err);
    assertEquals(decode.err.replace("evshard decode: ", ""), convert.err.replace("evshard convert: ", ""));
    assertFalse(Files.exists(output));
  }

  /** flip_lr mirrored x = 0 to 10 in one NPY sample and to 30 in the next (each sized by its extent), silently. */
  @Test
  void aChainOnRecordingsThatStateNoSensorIsNotedUnlessSensorIsGiven() throws Exception {
    Path input = Files.createDirectories(tmp.resolve("in/a"));
    org.evshard.io.npy.NpyEvents.write(input.resolve("s1.npy"), org.evshard.io.events.Events.wrap(
        new short[] {0, 10}, new short[] {0, 1}, new long[] {1, 2}, new boolean[] {true, false}));
    org.evshard.io.npy.NpyEvents.write(input.resolve("s2.npy"), org.evshard.io.events.Events.wrap(
        new short[] {0, 30}, new short[] {0, 1}, new long[] {1, 2}, new boolean[] {true, false}));
    CliOutput guessed = CliOutput.run("convert", "--dataset", "folder", "--input", tmp.resolve("in").toString(),
        "--output", tmp.resolve("out1").toString(), "--test-fraction", "0", "-t", "flip_lr(p=1)", "--no-progress");
    assertEquals(0, guessed.exitCode, guessed.err);
    assertTrue(guessed.err.contains("note: 2 of 2 recordings are in a format that states no sensor size and --sensor "
        + "is not given: each is sized by the extent of its own events"), guessed.err);
    CliOutput given = CliOutput.run("convert", "--dataset", "folder", "--input", tmp.resolve("in").toString(),
        "--output", tmp.resolve("out2").toString(), "--test-fraction", "0", "-t", "flip_lr(p=1)", "--sensor", "34x34",
        "--no-progress");
    assertEquals(0, given.exitCode, given.err);
    assertFalse(given.err.contains("sized by the extent"), given.err);
  }

  @Test
  void theSensorIsRecordedInTheManifest() throws Exception {
    Path input = tmp.resolve("in");
    TestCorpora.nmnist(input, 1, 3);
    Path output = tmp.resolve("out");
    // N-MNIST names its 34x34 sensor; --sensor does not replace it, but the run records what was given
    CliOutput r = CliOutput.run("convert", "--dataset", "NMNIST", "--input", input.toString(), "--output",
        output.toString(), "--sensor", "34X34", "--no-progress");
    assertEquals(0, r.exitCode, r.err);
    Manifest m = Manifest.read(output.resolve(Manifest.FILE_NAME));
    assertEquals("34x34", m.parameters().get("sensor"));
    assertEquals("nmnist", m.dataset(), "the dataset's name, as in the rows, not as typed");
  }

  @Test
  void aLabelMapThatIsNotTextNamesItsBadByte() throws Exception {
    Path input = tmp.resolve("in");
    TestCorpora.nmnist(input, 1, 3);
    Path map = Files.write(tmp.resolve("map.csv"), new byte[] {'0', ',', 'z', '\n', (byte) 0xFE, ',', 'c', '\n'});
    CliOutput r = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        tmp.resolve("out").toString(), "--pair-with", input.toString(), "--pair-label-map", map.toString(),
        "--no-progress");
    assertEquals(2, r.exitCode, r.err);
    assertTrue(r.err.contains(map + " is not UTF-8 text: byte 0xFE at offset 4 (line 2)"), r.err);
  }

  /** A class mapped twice (the last line silently won) and a bad --pair-size (reported as a sensor) are named. */
  @Test
  void pairingOptionsNameTheirOwnMistakes() throws Exception {
    Path input = tmp.resolve("in");
    TestCorpora.nmnist(input, 1, 3);
    Path map = Files.writeString(tmp.resolve("twice.csv"), "0,zero\n1,one\n0,one\n");
    CliOutput twice = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        tmp.resolve("out").toString(), "--pair-with", input.toString(), "--pair-label-map", map.toString(),
        "--no-progress");
    assertEquals(2, twice.exitCode, twice.err);
    assertTrue(twice.err.contains(map + " line 3: event class '0' is mapped again, to 'one' (an earlier line maps it "
        + "to 'zero')"), twice.err);
    CliOutput size = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        tmp.resolve("out").toString(), "--pair-with", input.toString(), "--pair-size", "0x8", "--no-progress");
    assertEquals(2, size.exitCode, size.err);
    assertTrue(size.err.startsWith("evshard convert: --pair-size '0x8' (the static images' size): "), size.err);
    assertFalse(Files.exists(tmp.resolve("out")), "refused before the output folder is made");
  }

  /** More shards asked for than a split has samples: the split got one per sample, without a word. */
  @Test
  void moreShardsPerSplitThanSamplesIsReported() throws Exception {
    Path input = tmp.resolve("in");
    TestCorpora.nmnist(input, 1, 3); // 10 recordings per split
    CliOutput r = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        tmp.resolve("out").toString(), "--shards-per-split", "12", "--no-progress");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.err.contains("note: --shards-per-split 12 is more than some splits have samples, and a sample is "
        + "never divided between shards: written in fewer (test 10, train 10; manifest parameters "
        + "'shards_per_split')"), r.err);
    CliOutput exact = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        tmp.resolve("out2").toString(), "--shards-per-split", "10", "--no-progress");
    assertEquals(0, exact.exitCode, exact.err);
    assertFalse(exact.err.contains("--shards-per-split"), exact.err);
  }

  @Test
  void ignoredEntriesAndAnUnusedTestFractionAreReported() throws Exception {
    Path input = tmp.resolve("in");
    TestCorpora.nmnist(input, 1, 3);
    Files.writeString(input.resolve("README.txt"), "not a recording");
    Files.writeString(input.resolve("Train/0/notes.md"), "not a recording");
    Path output = tmp.resolve("out");
    CliOutput r = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        output.toString(), "--test-fraction", "0.5", "--no-progress");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("ignored:  2 entries that are not samples of this dataset, e.g. [README.txt, "
        + "Train/0/notes.md]"), r.out);
    assertTrue(r.err.contains("note: --test-fraction 0.5 was not used: nmnist has its own split"), r.err);
    Object ignored = Manifest.read(output.resolve(Manifest.FILE_NAME)).parameters().get("ignored");
    assertEquals(java.util.Map.of("count", 2, "first", java.util.List.of("README.txt", "Train/0/notes.md")), ignored);
    assertFalse(r.err.contains("--include-background"), r.err);
    CliOutput background = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        tmp.resolve("out2").toString(), "--include-background", "--no-progress");
    assertEquals(0, background.exitCode, background.err);
    assertTrue(background.err.contains("note: --include-background was not used: nmnist has no optional clutter "
        + "class (the option adds N-Caltech101's BACKGROUND_Google)"), background.err);
  }

  /** Option values were refused in the words of internal fields ("maxEvents must be positive", "testFraction"). */
  @Test
  void badOptionValuesAreRefusedByTheirOptionNames() throws Exception {
    Path input = tmp.resolve("in");
    TestCorpora.nmnist(input, 1, 3);
    CliOutput events = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        tmp.resolve("out").toString(), "--max-events", "0", "--no-progress");
    assertEquals(2, events.exitCode, events.err);
    assertEquals("evshard convert: --max-events must be at least 1, got 0", events.err.strip());
    CliOutput fraction = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        tmp.resolve("out").toString(), "--test-fraction", "1.5", "--no-progress");
    assertEquals(2, fraction.exitCode, fraction.err);
    assertEquals("evshard convert: --test-fraction must be within 0..1, got 1.5", fraction.err.strip());
    assertFalse(Files.exists(tmp.resolve("out")), "refused before the output folder is made");
  }

  /** A backslash in a file name (legal on Linux) made the whole run fail on an internal check; now it converts. */
  @Test
  void aRecordingWithABackslashInItsNameConverts() throws Exception {
    Path input = tmp.resolve("in");
    TestCorpora.nmnist(input, 1, 3);
    TestCorpora.largeRecording(input.resolve("Train/0/odd\\name.bin"), 50, 1);
    Path output = tmp.resolve("out");
    CliOutput r = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        output.toString(), "--no-progress");
    assertEquals(0, r.exitCode, r.out + r.err);
    assertTrue(r.out.startsWith("converted 21 samples: 21 written"), r.out);
  }

  /**
   * The input folder itself (with --overwrite, which deletes shard files in the output's sub-folders) and a folder
   * inside the input reached through a link to it are refused before anything is written (both ran before).
   */
  @Test
  void theInputFolderOrAFolderInsideItThroughALinkIsRefusedAsOutput() throws Exception {
    Path input = tmp.resolve("in");
    TestCorpora.nmnist(input, 1, 3);
    CliOutput same = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        input.toString(), "--overwrite", "--no-progress");
    assertEquals(2, same.exitCode, same.out + same.err);
    assertTrue(same.err.contains("output folder " + input + " is the input folder " + input), same.err);
    Path link = Files.createSymbolicLink(tmp.resolve("link"), input);
    Path inside = input.resolve("Train/out");
    CliOutput linked = CliOutput.run("convert", "--dataset", "nmnist", "--input", link.toString(), "--output",
        inside.toString(), "--no-progress");
    assertEquals(2, linked.exitCode, linked.out + linked.err);
    assertTrue(linked.err.contains("lies inside the input folder " + link), linked.err);
    assertFalse(Files.exists(inside), "nothing written");
    assertFalse(Files.exists(input.resolve("manifest.json")), "nothing written");
  }

  @Test
  void aRunThatWritesNothingExitsWithOne() throws Exception {
    Path input = tmp.resolve("in");
    TestCorpora.nmnist(input, 1, 3);
    Path output = tmp.resolve("out");
    CliOutput r = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        output.toString(), "--max-events", "1", "--no-progress");
    assertEquals(1, r.exitCode, r.out + r.err);
    assertTrue(r.err.contains("evshard convert: no sample was written: all"), r.err);
    assertTrue(Files.exists(output.resolve(Manifest.FILE_NAME)), "the run still reconciles and writes its manifest");
  }

  @Test
  void aRunThatFindsNoSampleExitsWithOneAndPointsAtTheLayout() throws Exception {
    Path nested = tmp.resolve("nested");
    TestCorpora.nmnist(nested.resolve("Train"), 1, 3); // extracted one level too deep: Train/Train/<digit>/...
    Files.createDirectories(nested.resolve("Test"));
    Path output = tmp.resolve("out");
    CliOutput r = CliOutput.run("convert", "--dataset", "nmnist", "--input", nested.toString(), "--output",
        output.toString(), "--no-progress");
    assertEquals(1, r.exitCode, r.out + r.err);
    assertTrue(r.err.contains("evshard convert: no sample was written: no sample of nmnist was found under "
        + nested), r.err);
    assertTrue(r.out.contains("ignored:  2 entries that are not samples of this dataset, e.g. [Train/Test/, "
        + "Train/Train/]"), r.out);
    assertTrue(Files.exists(output.resolve(Manifest.FILE_NAME)), "the run still writes its manifest");
  }

  /**
   * An --overwrite rerun that rejected every input replaced good results with an empty output (a rerun that threw
   * put them back). Now the earlier results come back, and the rerun's manifest and errors wait in
   * .evshard-failed-run/, named by the message.
   */
  @Test
  void anOverwriteRerunThatWritesNothingKeepsTheEarlierResults() throws Exception {
    Path input = tmp.resolve("in");
    TestCorpora.nmnist(input, 2, 3);
    Path output = tmp.resolve("out");
    CliOutput first = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        output.toString(), "--no-progress");
    assertEquals(0, first.exitCode, first.err);
    long written = Manifest.read(output.resolve(Manifest.FILE_NAME)).counts().written();
    CliOutput rerun = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        output.toString(), "--overwrite", "--no-progress", "--transform", "spatial_jitter(var_x=100, var_y=100)");
    assertEquals(1, rerun.exitCode, rerun.err);
    Path failed = output.resolve(".evshard-failed-run");
    assertTrue(rerun.err.contains("no sample was written: all " + written + " inputs were rejected (see "
        + failed.resolve("errors.jsonl") + "); the earlier results in " + output + " were kept"), rerun.err);
    assertEquals(written, Manifest.read(output.resolve(Manifest.FILE_NAME)).counts().written());
    assertEquals(written, Files.readAllLines(failed.resolve("errors.jsonl")).size());
    assertEquals(0, Manifest.read(failed.resolve(Manifest.FILE_NAME)).counts().written());
    assertFalse(Files.exists(output.resolve(".evshard-previous")));
    assertEquals(0, CliOutput.run("verify", output.toString()).exitCode, "the earlier results verify");
    CliOutput failedRun = CliOutput.run("verify", failed.toString());
    assertEquals(0, failedRun.exitCode, "the failed run's manifest verifies beside its empty shards: " + failedRun.out
        + failedRun.err);
    CliOutput again = CliOutput.run("convert", "--dataset", "nmnist", "--input", input.toString(), "--output",
        output.toString(), "--overwrite", "--no-progress");
    assertEquals(0, again.exitCode, again.err);
    assertFalse(Files.exists(failed), "a later run replaces the failed run's report");
  }
}
