package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --overwrite}: a rerun that failed (a full disk, an error) had already deleted the earlier complete results,
 * leaving neither. Now they are kept aside until the new manifest is written, and moved back when the rerun fails.
 */
class OutputFolderTest {

  @TempDir
  Path out;

  private void earlierRun() throws Exception {
    Files.createDirectories(out.resolve("train"));
    Files.writeString(out.resolve("manifest.json"), "old manifest");
    Files.writeString(out.resolve("errors.jsonl"), "old errors");
    Files.writeString(out.resolve("train/part-00000-of-00001.parquet"), "old shard");
    Files.writeString(out.resolve("notes.txt"), "the user's");
  }

  private Map<String, String> contents() throws Exception {
    Map<String, String> m = new TreeMap<>();
    try (Stream<Path> s = Files.walk(out)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        m.put(out.relativize(f).toString(), Files.readString(f));
      }
    }
    return m;
  }

  @Test
  void aFailedRerunGetsTheEarlierResultsBack() throws Exception {
    earlierRun();
    Map<String, String> before = contents();
    OutputFolder.prepare(out, true);
    assertEquals(Map.of("notes.txt", "the user's", ".evshard-previous/manifest.json", "old manifest",
        ".evshard-previous/errors.jsonl", "old errors", ".evshard-previous/train/part-00000-of-00001.parquet",
        "old shard"), contents());
    // the rerun writes part of its output, then fails
    Files.writeString(out.resolve("train/part-00000-of-00002.parquet"), "new shard");
    Files.writeString(out.resolve("errors.jsonl"), "new errors");
    Files.createDirectories(out.resolve(ConvertSamples.TEMP_DIR));
    Files.writeString(out.resolve(ConvertSamples.TEMP_DIR).resolve("x"), "temp");
    OutputFolder.afterFailure(out, false, new RuntimeException("disk full"));
    assertEquals(before, contents());
    assertFalse(Files.exists(out.resolve(OutputFolder.PREVIOUS_DIR)));
  }

  @Test
  void aRerunThatWritesItsManifestDeletesTheEarlierResults() throws Exception {
    earlierRun();
    OutputFolder.prepare(out, true);
    Files.writeString(out.resolve("train/part-00000-of-00002.parquet"), "new shard");
    Files.writeString(out.resolve("manifest.json"), "new manifest");
    OutputFolder.commit(out);
    assertEquals(Map.of("notes.txt", "the user's", "train/part-00000-of-00002.parquet", "new shard", "manifest.json",
        "new manifest"), contents());
  }

  @Test
  void afterARerunThatWasStoppedTheResultsKeptAsideStayTheLastCompleteOnes() throws Exception {
    earlierRun();
    OutputFolder.prepare(out, true);
    // the rerun was killed: its partial shard stays, no manifest; the next rerun replaces only the partial files
    Files.writeString(out.resolve("train/part-00000-of-00002.parquet"), "partial shard");
    OutputFolder.prepare(out, true);
    assertEquals(Map.of("notes.txt", "the user's", ".evshard-previous/manifest.json", "old manifest",
        ".evshard-previous/errors.jsonl", "old errors", ".evshard-previous/train/part-00000-of-00001.parquet",
        "old shard"), contents());
    OutputFolder.afterFailure(out, false, new RuntimeException("again"));
    assertEquals("old shard", Files.readString(out.resolve("train/part-00000-of-00001.parquet")));
    assertTrue(Files.exists(out.resolve("manifest.json")));
  }

  /**
   * After an interrupted run the folder seemed empty to {@code ls} and the refusal said "already holds 1 entries":
   * it names them now, hidden ones too, and what evshard's work folders hold.
   */
  @Test
  void aRefusedFolderWithoutManifestNamesItsEntries() throws Exception {
    Files.createDirectories(out.resolve(".evshard-temp"));
    Files.writeString(out.resolve(".evshard-temp/a.parquet"), "");
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> OutputFolder.prepare(out, false));
    assertEquals("output folder " + out + " already holds 1 entry (.evshard-temp/); .evshard-temp/ holds the partial "
        + "files of a run that did not finish; pass --overwrite to replace them, or choose another folder",
        e.getMessage());
    Files.createDirectories(out.resolve(".evshard-previous/train"));
    Files.writeString(out.resolve("notes.txt"), "x");
    e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> OutputFolder.prepare(out, false));
    assertTrue(e.getMessage().contains("already holds 3 entries (.evshard-previous/, .evshard-temp/, notes.txt); "
        + ".evshard-previous/ holds the results of the run before an --overwrite rerun that did not finish"),
        e.getMessage());
  }

  /**
   * An existing output folder that cannot be written (a read-only file system) failed only after the whole input was
   * walked and planned, naming an internal temp file. Now it is refused up front with the reason. /proc/self is a
   * folder no one can create a file in, root included (the tests run as root, so permissions cannot show it).
   */
  @Test
  void anOutputFolderThatCannotBeWrittenIsRefusedUpFrontWithTheReason() throws Exception {
    Path readOnly = Path.of("/proc/self");
    assertTrue(Files.isDirectory(readOnly), "a Linux /proc (the project's machines)");
    java.nio.file.FileSystemException e = org.junit.jupiter.api.Assertions.assertThrows(
        java.nio.file.FileSystemException.class, () -> OutputFolder.requireWritable(readOnly));
    assertTrue(e.getMessage().startsWith("/proc/self: the output folder cannot be written ("), e.getMessage());
    OutputFolder.requireWritable(out); // a writable one passes and keeps no probe
    assertEquals(Map.of(), contents());
  }
}
