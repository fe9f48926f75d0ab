package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.evshard.io.events.Events;
import org.evshard.io.shard.ShardFormat;
import org.evshard.transforms.stats.EventStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConvertJobTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  @Test
  void nmnistCorpusWithBadFilesConvertsEverySampleOrRejectsItWithAReason() throws Exception {
    Path input = tmp.resolve("nmnist");
    Map<String, Events> written = TestCorpora.nmnist(input, 3, 42);
    // the bad inputs: each must land in errors.jsonl while the rest converts
    Path good = input.resolve("Train/1/00000.bin");
    byte[] bytes = Files.readAllBytes(good);
    Files.write(input.resolve("Train/1/00100.bin"), Arrays.copyOf(bytes, bytes.length - 3)); // truncated
    byte[] garbage = Arrays.copyOf(bytes, bytes.length + 2);
    Files.write(input.resolve("Test/2/00100.bin"), garbage); // length not a multiple of 5
    Files.write(input.resolve("Test/3/00100.bin"), new byte[0]); // empty
    Files.createDirectories(input.resolve("Train/4/00100.bin")); // a directory named like a recording

    Path output = tmp.resolve("out");
    ConvertResult result = ConvertJob.run(ConvertSettings.of("nmnist", input, output).withShardsPerSplit(2));

    assertEquals(written.size() + 4, result.discovered());
    assertEquals(written.size(), result.written());
    assertEquals(4, result.rejected());

    Map<String, ShardContents.Row> rows = ShardContents.readParquet(output);
    assertEquals(written.keySet(), rows.keySet());
    for (Map.Entry<String, Events> e : written.entrySet()) {
      ShardContents.Row row = rows.get(e.getKey());
      String[] parts = e.getKey().split("/");
      assertEquals(e.getValue(), row.events(), "events of " + e.getKey());
      assertEquals(e.getValue().size(), row.nEvents());
      assertEquals(Integer.parseInt(parts[1]), row.label());
      assertEquals(parts[1], row.labelName());
      assertEquals(parts[0].toLowerCase(), row.split());
      assertEquals("nmnist", row.dataset());
      assertEquals(34, row.width());
      assertEquals(34, row.height());
    }
    assertEquals(rows.size(), rows.values().stream().map(ShardContents.Row::sampleId).distinct().count());

    Map<String, JsonNode> errors = new HashMap<>();
    for (String line : Files.readAllLines(output.resolve("errors.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      errors.put(n.get("source").asText(), n);
    }
    assertEquals(4, errors.size());
    assertTrue(errors.get("Train/1/00100.bin").get("reason").asText().contains("5-byte"),
        errors.get("Train/1/00100.bin").toString());
    assertEquals(bytes.length - 3 - (bytes.length - 3) % 5, errors.get("Train/1/00100.bin").get("offset").asLong());
    assertTrue(errors.get("Test/2/00100.bin").get("reason").asText().contains("5-byte"));
    assertEquals(bytes.length, errors.get("Test/2/00100.bin").get("offset").asLong());
    assertTrue(errors.get("Test/3/00100.bin").get("reason").asText().contains("empty"));
    assertTrue(errors.get("Train/4/00100.bin").get("reason").asText().contains("directory"));

    JsonNode manifest = JSON.readTree(output.resolve("manifest.json").toFile());
    JsonNode counts = manifest.get("counts");
    assertEquals(result.discovered(), counts.get("discovered").asLong());
    assertEquals(counts.get("discovered").asLong(), counts.get("written").asLong() + counts.get("rejected").asLong());
    long shardRows = 0;
    for (JsonNode shard : manifest.get("shards")) {
      shardRows += shard.get("rows").asLong();
      assertTrue(Files.size(output.resolve(shard.get("path").asText())) == shard.get("bytes").asLong());
    }
    assertEquals(written.size(), shardRows);
    assertEquals(3 * 10, counts.get("per_split").get("train").asLong());
    assertFalse(Files.exists(output.resolve(ConvertSamples.TEMP_DIR)), "temp folder left behind");
  }

  /** {@code --file-list}: only listed recordings are converted; a listed file that is missing is rejected. */
  @Test
  void aFileListPicksTheRecordingsAndAMissingOneIsRejected() throws Exception {
    Path input = tmp.resolve("nmnist-listed");
    Map<String, Events> written = TestCorpora.nmnist(input, 3, 7);
    List<String> listed = new java.util.ArrayList<>();
    try (var files = Files.walk(input)) {
      files.filter(Files::isRegularFile).map(f -> input.relativize(f).toString())
          .filter(f -> f.startsWith("Train/2/") || f.startsWith("Test/5/")).sorted().forEach(listed::add);
    }
    listed.add("Train/2/09999.bin"); // listed, not on disk
    Path list = tmp.resolve("files.txt");
    Files.write(list, listed);
    Path output = tmp.resolve("out-listed");
    ConvertResult result = ConvertJob.run(ConvertSettings.of("nmnist", input, output).withDiscovery(
        org.evshard.datasets.DiscoveryOptions.defaults().withListing(org.evshard.datasets.FileListing.read(list))));
    assertEquals(listed.size(), result.discovered());
    assertEquals(listed.size() - 1, result.written());
    assertEquals(1, result.rejected());
    Map<String, ShardContents.Row> rows = ShardContents.readParquet(output);
    assertEquals(listed.size() - 1, rows.size());
    for (Map.Entry<String, ShardContents.Row> r : rows.entrySet()) {
      assertEquals(written.get(r.getKey()), r.getValue().events(), r.getKey());
      assertTrue(r.getValue().label() == 2 || r.getValue().label() == 5, r.getKey());
    }
    JsonNode error = JSON.readTree(Files.readAllLines(output.resolve("errors.jsonl")).get(0));
    assertEquals("Train/2/09999.bin", error.get("source").asText());
    // in words: not the JDK's class name, nor a guess that the file moved
    assertEquals("I/O error: no such file: " + input.resolve("Train/2/09999.bin") + " (recording of sample "
        + "nmnist/Train/2/09999 not found when it was to be read: a --file-list entry that does not exist, or a file "
        + "moved or deleted after discovery)", error.get("reason").asText());
    JsonNode manifest = JSON.readTree(output.resolve("manifest.json").toFile());
    assertTrue(manifest.get("parameters").get("file_list").asText().startsWith(list.toString()),
        manifest.get("parameters").toString());
  }

  @Test
  void ncaltechCorpusTakesGeometryFromTheDataAndSplitsEveryClass() throws Exception {
    Path input = tmp.resolve("ncaltech");
    String[] classes = {"airplanes", "Faces_easy", "BACKGROUND_Google", "yin_yang"};
    Map<String, Events> written = TestCorpora.ncaltech(input, classes, 10, 7);
    Path output = tmp.resolve("out");
    ConvertResult result = ConvertJob.run(ConvertSettings.of("ncaltech101", input, output));
    assertEquals(30, result.written());
    assertEquals(0, result.rejected());

    Map<String, ShardContents.Row> rows = ShardContents.readParquet(output);
    List<String> sortedClasses = List.of("Faces_easy", "airplanes", "yin_yang");
    Map<String, Integer> testPerClass = new HashMap<>();
    for (Map.Entry<String, Events> e : written.entrySet()) {
      String cls = e.getKey().split("/")[1];
      ShardContents.Row row = rows.get(e.getKey());
      if (cls.equals("BACKGROUND_Google")) {
        assertEquals(null, row, "BACKGROUND_Google must be excluded by default");
        continue;
      }
      assertEquals(e.getValue(), row.events(), "events of " + e.getKey());
      assertEquals(sortedClasses.indexOf(cls), row.label());
      assertEquals(cls, row.labelName());
      EventStatistics s = EventStatistics.of(e.getValue());
      assertEquals(s.extentWidth(), row.width());
      assertEquals(s.extentHeight(), row.height());
      if (row.split().equals("test")) {
        testPerClass.merge(cls, 1, Integer::sum);
      }
    }
    assertEquals(Map.of("Faces_easy", 2, "airplanes", 2, "yin_yang", 2), testPerClass);
  }

  @Test
  void arrowShardsHoldTheSameRows() throws Exception {
    Path input = tmp.resolve("nmnist");
    Map<String, Events> written = TestCorpora.nmnist(input, 2, 3);
    Path output = tmp.resolve("out");
    ConvertJob.run(ConvertSettings.of("nmnist", input, output).withShardFormat(ShardFormat.ARROW));
    Map<String, Events> read = ArrowShards.readAll(output);
    assertEquals(written, read);
  }

  @Test
  void aSecondRunIntoTheSameFolderIsRefusedUnlessOverwriting() throws Exception {
    Path input = tmp.resolve("nmnist");
    TestCorpora.nmnist(input, 1, 5);
    Path output = tmp.resolve("out");
    ConvertJob.run(ConvertSettings.of("nmnist", input, output));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ConvertJob.run(ConvertSettings.of("nmnist", input, output)));
    assertTrue(e.getMessage().contains("--overwrite"), e.getMessage());
    ConvertResult again = ConvertJob.run(ConvertSettings.of("nmnist", input, output).withOverwrite(true));
    assertEquals(20, again.written());
    assertEquals(20, ShardContents.readParquet(output).size());
  }
  /**
   * The automatic shard count followed the workers (four shards per worker): a laptop with more cores or a Flink run
   * with {@code --parallelism=4} laid the same rows out in other files. Now the input alone decides, and the manifest
   * records the shards written (it recorded the planned count, which a split with fewer recordings does not reach).
   */
  @Test
  void theAutomaticShardLayoutIsTheSameForEveryParallelismAndTheManifestRecordsIt() throws Exception {
    Path input = tmp.resolve("nmnist");
    java.util.SplittableRandom r = new java.util.SplittableRandom(70);
    // 30 train recordings of 1.4 MB and 2 test ones, 45 MB: four shards per worker gave 4 train shards with one
    // worker and 5 (the 8 MB floor) with four
    for (int i = 0; i < 30; i++) {
      TestCorpora.writeBin(input.resolve("Train/" + (i % 10) + "/" + String.format("%05d", i) + ".bin"),
          TestCorpora.randomEvents(r, 280_000, 34, 34));
    }
    for (int i = 0; i < 2; i++) {
      TestCorpora.writeBin(input.resolve("Test/" + i + "/00000.bin"), TestCorpora.randomEvents(r, 280_000, 34, 34));
    }
    List<List<String>> layouts = new java.util.ArrayList<>();
    for (String parallelism : List.of("1", "4")) {
      Path output = tmp.resolve("out-" + parallelism);
      ConvertResult result = ConvertJob.run(ConvertSettings.of("nmnist", input, output)
          .withBeamArgs(List.of("--targetParallelism=" + parallelism)));
      assertEquals(32, result.written());
      org.evshard.io.shard.Manifest m = org.evshard.io.shard.Manifest.read(result.manifest());
      List<String> shards = m.shards().stream().map(sh -> sh.path() + " " + sh.rows()).sorted().toList();
      layouts.add(shards);
      Map<String, Integer> files = new java.util.TreeMap<>();
      m.shards().forEach(sh -> files.merge(sh.path().substring(0, sh.path().indexOf('/')), 1, Integer::sum));
      assertEquals(files, m.parameters().get("shards_per_split"), "the shards written, split by split");
    }
    assertEquals(layouts.get(0), layouts.get(1));
    assertTrue(layouts.get(0).size() > 2, "more than one shard per split: " + layouts.get(0));
  }
}
