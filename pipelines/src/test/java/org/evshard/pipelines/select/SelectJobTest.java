package org.evshard.pipelines.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.evshard.io.events.Events;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestVerifier;
import org.evshard.io.shard.SampleRow;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardReader;
import org.evshard.pipelines.convert.ConvertJob;
import org.evshard.pipelines.convert.ConvertSettings;
import org.evshard.pipelines.convert.TestCorpora;
import org.evshard.transforms.select.FeatureMatrix;
import org.evshard.transforms.select.KCenterSelection;
import org.evshard.transforms.select.Selection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evshard select} end to end on converted N-MNIST-like shards, on the DirectRunner. */
class SelectJobTest {

  @TempDir
  static Path tmp;
  static Path shards;
  /** sample id -> row, read back from the input shards. */
  static Map<String, SampleRow> rows = new TreeMap<>();

  @BeforeAll
  static void convert() throws Exception {
    Path input = tmp.resolve("nmnist");
    TestCorpora.nmnist(input, 6, 17);
    shards = tmp.resolve("shards");
    ConvertJob.run(ConvertSettings.of("nmnist", input, shards).withShardsPerSplit(2));
    for (var s : Manifest.read(shards.resolve(Manifest.FILE_NAME)).shards()) {
      Path f = shards.resolve(s.path());
      try (ShardReader r = ShardFormat.ofFile(f).openReader(f)) {
        r.forEachRemaining(row -> rows.put(row.sampleId(), row));
      }
    }
    assertEquals(120, rows.size());
  }

  private static SelectSettings settings(Path out, String method, double fraction, long seed, String features,
      String grouping) {
    return new SelectSettings(shards, out, SelectionMethod.fromName(method), SelectParameters.of(fraction, null,
        seed), FeatureSpec.parse(features), Grouping.parse(grouping), null, null,
        SelectSettings.DEFAULT_MAX_GROUP_BYTES, SelectSettings.DEFAULT_KMEANS_SAMPLE, false, false, List.of());
  }

  /** selection.parquet as DuckDB reads it: group -> sample ids in rank order. */
  static Map<String, List<String>> selection(Path out) throws Exception {
    Map<String, List<String>> m = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT \"group\", sample_id, rank, method FROM read_parquet('"
            + out.resolve(SelectJob.SELECTION_FILE) + "') ORDER BY \"group\", rank")) {
      while (rs.next()) {
        List<String> ids = m.computeIfAbsent(rs.getString(1), k -> new ArrayList<>());
        assertEquals(ids.size(), rs.getInt(3));
        ids.add(rs.getString(2));
      }
    }
    return m;
  }

  /** Sample ids in the output shards. */
  static TreeSet<String> written(Path out) {
    TreeSet<String> ids = new TreeSet<>();
    for (var s : Manifest.read(out.resolve(Manifest.FILE_NAME)).shards()) {
      Path f = out.resolve(s.path());
      try (ShardReader r = ShardFormat.ofFile(f).openReader(f)) {
        r.forEachRemaining(row -> {
          assertEquals(rows.get(row.sampleId()).events().size(), row.events().size());
          ids.add(row.sampleId());
        });
      }
    }
    return ids;
  }

  @Test
  void kcenterPerClassMatchesTheKernelOnIndependentlyComputedFeatures() throws Exception {
    Path out = tmp.resolve("kcenter");
    SelectJob.Result r = SelectJob.run(settings(out, "kcenter", 0.5, 1, "pixels:1", "label"));
    assertEquals(120, r.inputs());
    assertEquals(60, r.selected());
    Map<String, List<String>> chosen = selection(out);
    assertEquals(20, chosen.size());
    // pixels:1 = each polarity's share of the events averaged over the whole sensor: computed here by hand
    Map<String, List<SampleRow>> groups = new TreeMap<>();
    rows.values().forEach(row -> groups.computeIfAbsent(row.split() + "/" + row.labelName(), k -> new ArrayList<>())
        .add(row));
    for (var g : groups.entrySet()) {
      List<SampleRow> members = g.getValue(); // sorted by id: rows is a TreeMap
      float[] data = new float[members.size() * 2];
      for (int i = 0; i < members.size(); i++) {
        Events e = members.get(i).events();
        int on = 0;
        for (boolean p : e.p()) {
          on += p ? 1 : 0;
        }
        double area = 34.0 * 34.0;
        data[2 * i] = (float) ((e.size() - on) / (double) e.size() / area);
        data[2 * i + 1] = (float) (on / (double) e.size() / area);
      }
      Selection want = KCenterSelection.select(new FeatureMatrix(members.size(), 2, data), 3);
      List<String> wantIds = new ArrayList<>();
      for (int i : want.indices()) {
        wantIds.add(members.get(i).sampleId());
      }
      assertEquals(wantIds, chosen.get(g.getKey()), g.getKey());
    }
    assertEquals(new TreeSet<>(chosen.values().stream().flatMap(List::stream).toList()), written(out));
    Manifest m = Manifest.read(out.resolve(Manifest.FILE_NAME));
    assertEquals(List.of(), ManifestVerifier.verify(m, out));
    assertEquals(120, m.counts().discovered());
    assertEquals(60, m.counts().written());
    assertEquals(60L, m.counts().removed());
    assertEquals("kcenter", m.parameters().get("method"));
  }

  @Test
  void randomIsDeterministicForASeedAndChangesWithIt() throws Exception {
    Map<String, List<String>> a = selection(run("random-a", "random", 7));
    Map<String, List<String>> b = selection(run("random-b", "random", 7));
    Map<String, List<String>> c = selection(run("random-c", "random", 8));
    assertEquals(a, b);
    assertNotEquals(a, c);
    assertTrue(a.values().stream().allMatch(ids -> ids.size() == 2), a.toString());
  }

  /**
   * selection.parquet, the record of what was chosen, was in no manifest: with a row dropped or the file deleted,
   * verify said OK. Now the manifest lists it (path, rows, bytes, sha256) and verify checks it.
   */
  @Test
  void verifyChecksTheSelectionFileAsTheManifestRecordsIt() throws Exception {
    Path out = run("verified", "random", 3);
    Manifest m = Manifest.read(out.resolve(Manifest.FILE_NAME));
    Map<?, ?> entry = (Map<?, ?>) m.parameters().get(ManifestVerifier.SELECTION_FILE);
    assertEquals(SelectJob.SELECTION_FILE, entry.get("path"));
    assertEquals(m.counts().written(), ((Number) entry.get("rows")).longValue());
    assertEquals(List.of(), ManifestVerifier.verify(out.resolve(Manifest.FILE_NAME)));
    Path selection = out.resolve(SelectJob.SELECTION_FILE);
    try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
        new org.apache.parquet.io.LocalInputFile(selection))) {
      Map<String, String> kv = r.getFooter().getFileMetaData().getKeyValueMetaData();
      assertEquals("selection", kv.get("evshard.layout"), kv.toString());
      assertEquals(org.evshard.pipelines.EvshardVersion.get(), kv.get("evshard.tool_version"), kv.toString());
      assertEquals(org.evshard.io.shard.ShardSchema.SCHEMA_VERSION, kv.get("evshard.schema_version"), kv.toString());
      assertFalse(kv.containsKey("writer.model.name"), "parquet-mr's example model name: " + kv);
    }
    byte[] original = Files.readAllBytes(selection);
    byte[] flipped = original.clone();
    flipped[flipped.length / 2] ^= 1;
    Files.write(selection, flipped);
    assertTrue(ManifestVerifier.verify(out.resolve(Manifest.FILE_NAME)).stream()
        .anyMatch(p -> p.startsWith("selection.parquet: sha256 differs")), "a changed selection file");
    Files.delete(selection);
    assertEquals(List.of("selection.parquet: missing"), ManifestVerifier.verify(out.resolve(Manifest.FILE_NAME)));
  }

  /** Budgets that round to 0 in every group gave "selected 0 of N rows", exit 0, and an empty selection. */
  @Test
  void aSelectionOfNoRowExitsOne() {
    org.evshard.pipelines.cli.CliOutput r = org.evshard.pipelines.cli.CliOutput.run("select", "--input",
        shards.toString(), "--output", tmp.resolve("none-chosen").toString(), "--method", "random", "--fraction",
        "0.01", "--no-progress");
    assertEquals(1, r.exitCode, r.err);
    assertTrue(r.out.startsWith("selected 0 of 120 rows (random)"), r.out);
    assertTrue(r.err.contains("evshard select: no row was selected: every group's budget is 0"), r.err);
  }

  /** An --overwrite rerun that selects nothing replaced a good selection with an empty one; now it is put back. */
  @Test
  void anOverwriteRerunThatSelectsNothingKeepsTheEarlierSelection() throws Exception {
    Path out = tmp.resolve("rerun-none");
    org.evshard.pipelines.cli.CliOutput first = org.evshard.pipelines.cli.CliOutput.run("select", "--input",
        shards.toString(), "--output", out.toString(), "--method", "random", "--fraction", "0.25", "--no-progress");
    assertEquals(0, first.exitCode, first.err);
    TreeSet<String> before = written(out);
    byte[] selection = Files.readAllBytes(out.resolve(SelectJob.SELECTION_FILE));
    org.evshard.pipelines.cli.CliOutput rerun = org.evshard.pipelines.cli.CliOutput.run("select", "--input",
        shards.toString(), "--output", out.toString(), "--method", "random", "--fraction", "0.01", "--overwrite",
        "--no-progress");
    assertEquals(1, rerun.exitCode, rerun.err);
    Path failed = out.resolve(".evshard-failed-run");
    assertTrue(rerun.err.contains("; the earlier results in " + out.toAbsolutePath().normalize() + " were kept"),
        rerun.err);
    assertTrue(rerun.out.contains("manifest:  " + failed.resolve(Manifest.FILE_NAME)), rerun.out);
    assertEquals(before, written(out));
    assertArrayEquals(selection, Files.readAllBytes(out.resolve(SelectJob.SELECTION_FILE)));
    assertEquals(List.of(), ManifestVerifier.verify(out.resolve(Manifest.FILE_NAME)), "the earlier results verify");
    assertEquals(0, Manifest.read(failed.resolve(Manifest.FILE_NAME)).counts().written());
    assertTrue(Files.exists(failed.resolve(SelectJob.SELECTION_FILE)), "the empty run's selection, to look at");
    assertFalse(Files.exists(out.resolve(".evshard-previous")));
  }

  private Path run(String dir, String method, long seed) throws Exception {
    Path out = tmp.resolve(dir);
    SelectJob.run(settings(out, method, 1.0 / 3, seed, "pixels:4", "label"));
    return out;
  }

  @Test
  void kmeansGroupingAndDqCoverEveryCluster() throws Exception {
    Path out = tmp.resolve("dq-kmeans");
    SelectJob.run(settings(out, "dq", 0.25, 3, "projection:16:4", "kmeans:3"));
    Map<String, List<String>> chosen = selection(out);
    assertTrue(chosen.keySet().stream().allMatch(g -> g.matches("(train|test)/cluster-000[0-2]")), chosen.keySet().toString());
    assertTrue(chosen.values().stream().allMatch(ids -> !ids.isEmpty()));
    assertEquals(List.of(), ManifestVerifier.verify(Manifest.read(out.resolve(Manifest.FILE_NAME)), out));
  }

  @Test
  void ccsReadsScoresAndAGroupTooLargeFailsNamingIt() throws Exception {
    Path scores = tmp.resolve("scores.csv");
    StringBuilder b = new StringBuilder("sample_id,score\n");
    Map<String, Double> byId = new HashMap<>();
    int i = 0;
    for (String id : rows.keySet()) {
      byId.put(id, (double) (i++ % 10));
      b.append(id).append(',').append(byId.get(id)).append('\n');
    }
    Files.writeString(scores, b.toString());
    Path out = tmp.resolve("ccs");
    SelectJob.run(new SelectSettings(shards, out, SelectionMethod.CCS, SelectParameters.of(0.5, null, 1),
        FeatureSpec.parse("pixels"), Grouping.parse("split"), scores, null, SelectSettings.DEFAULT_MAX_GROUP_BYTES,
        10, false, false, List.of()));
    Map<String, List<String>> chosen = selection(out);
    assertEquals(java.util.Set.of("train", "test"), chosen.keySet());
    // beta 0.1 prunes the hardest (highest) scores first: no chosen sample has the top score 9
    assertTrue(chosen.values().stream().flatMap(List::stream).allMatch(id -> byId.get(id) < 9.0), chosen.toString());
    // the manifest says where the scores were and what they held (a relative path and no digest before)
    Map<String, Object> recorded = Manifest.read(out.resolve(Manifest.FILE_NAME)).parameters();
    assertEquals(scores.toAbsolutePath().normalize().toString(), recorded.get("scores"));
    assertEquals(org.evshard.io.shard.FileDigests.sha256(scores), recorded.get("scores_sha256"));

    Exception e = assertThrows(Exception.class, () -> SelectJob.run(new SelectSettings(shards, tmp.resolve("big"),
        SelectionMethod.KCENTER, SelectParameters.of(0.5, null, 1), FeatureSpec.parse("pixels:8"),
        Grouping.parse("split"), null, null, 1000, 10, false, false, List.of())));
    String message = String.valueOf(rootCause(e).getMessage());
    assertTrue(message.matches("group (train|test): 60 rows x 128 dims need \\d+ bytes, more than the limit of 1000 "
        + "bytes"), message);
  }

  /**
   * From the command line, failures inside the pipeline say what is wrong without the runner's wrapper and class
   * names: an id listed twice in --scores (a bare "Duplicate values for ..." before), a --scores file that does not
   * exist (TextIO's "No files matched spec"), dq bins that do not fit a group (named, with the option to change).
   */
  @Test
  void selectErrorsNameTheProblemNotTheExceptionClass() throws Exception {
    Path scores = tmp.resolve("dup-scores.csv");
    StringBuilder b = new StringBuilder();
    String first = rows.keySet().iterator().next();
    for (String id : rows.keySet()) {
      b.append(id).append(",1.5\n");
    }
    b.append(first).append(",2.5\n");
    Files.writeString(scores, b.toString());
    org.evshard.pipelines.cli.CliOutput dup = org.evshard.pipelines.cli.CliOutput.run("select", "--input",
        shards.toString(), "--output", tmp.resolve("dup").toString(), "--method", "ccs", "--fraction", "0.5",
        "--scores", scores.toString(), "--no-progress");
    assertEquals(2, dup.exitCode);
    assertTrue(dup.err.startsWith("evshard select: --scores lists sample " + first + " 2 times"), dup.err);
    assertFalse(Files.exists(tmp.resolve("dup")), "a failed run leaves no output folder it made");
    Files.writeString(scores, b.toString().replace(first + ",2.5\n", "").replaceFirst(",1\\.5\n", ",NaN\n"));
    org.evshard.pipelines.cli.CliOutput nan = org.evshard.pipelines.cli.CliOutput.run("select", "--input",
        shards.toString(), "--output", tmp.resolve("nan").toString(), "--method", "ccs", "--fraction", "0.5",
        "--scores", scores.toString(), "--no-progress");
    assertEquals(2, nan.exitCode);
    assertTrue(nan.err.startsWith("evshard select: --scores: the score in '" + first + ",NaN' is not a finite "
        + "number"), nan.err);
    org.evshard.pipelines.cli.CliOutput missing = org.evshard.pipelines.cli.CliOutput.run("select", "--input",
        shards.toString(), "--output", tmp.resolve("missing").toString(), "--method", "ccs", "--fraction", "0.5",
        "--scores", tmp.resolve("none.csv").toString(), "--no-progress");
    assertEquals(2, missing.exitCode);
    assertEquals("evshard select: no such file: " + tmp.resolve("none.csv") + "\n", missing.err);
    org.evshard.pipelines.cli.CliOutput dq = org.evshard.pipelines.cli.CliOutput.run("select", "--input",
        shards.toString(), "--output", tmp.resolve("dq-bins").toString(), "--method", "dq", "--fraction", "0.5",
        "--dq-bins", "8", "--no-progress");
    assertEquals(2, dq.exitCode);
    assertTrue(dq.err.matches("(?s)evshard select: group \\S+ \\(6 rows\\): dq: bins must be .*; give a smaller "
        + "--dq-bins\n"), dq.err);
    assertFalse(Files.exists(tmp.resolve("dq-bins")), "a failed run leaves no output folder it made");
  }

  /**
   * A shard whose rows state a 30000 x 30000 sensor (two int columns) made pixel features allocate 14 GB per row: an
   * OutOfMemoryError naming nothing (65535 x 65535 overflowed into a bare "-131071"). Now the run fails naming the
   * shard, the sample and the sensor.
   */
  @Test
  void aSensorTooLargeForPixelFeaturesFailsTheRunNamingShardAndSample() throws Exception {
    for (int side : new int[] {30_000, 65_535}) {
      Path in = tmp.resolve("huge-sensor-" + side);
      Path file = in.resolve("train/part-00000-of-00001.parquet");
      Files.createDirectories(file.getParent());
      List<SampleRow> crafted = rows.values().stream().filter(r -> r.split().equals("train")).limit(4)
          .map(r -> new SampleRow(r.sampleId(), r.dataset(), r.split(), r.label(), r.labelName(), r.source(), side,
              side, r.events()))
          .toList();
      try (org.evshard.io.shard.ShardWriter w = ShardFormat.PARQUET.newWriter(file,
          org.evshard.io.shard.ShardWriteOptions.defaults("test"))) {
        crafted.forEach(w::write);
      }
      Manifest.create("evshard", "test", java.time.Clock.systemUTC(), "nmnist", "crafted", ShardFormat.PARQUET,
          Map.of(), List.of(org.evshard.io.shard.ManifestShard.of(in, file, "train")),
          org.evshard.io.shard.ManifestCounts.of(4, 0, ShardFormat.PARQUET.readLabels(file)))
          .write(in.resolve(Manifest.FILE_NAME));
      org.evshard.pipelines.cli.CliOutput r = org.evshard.pipelines.cli.CliOutput.run("select", "--input",
          in.toString(), "--output", tmp.resolve("huge-out-" + side).toString(), "--method", "kcenter", "--fraction",
          "0.5", "--no-progress");
      assertEquals(2, r.exitCode, r.err);
      assertTrue(r.err.startsWith("evshard select: " + file + ": sample " + crafted.get(0).sampleId() + ": its sensor "
          + "of " + side + "x" + side + " needs " + 16L * side * side + " bytes for pixel features at sensor "
          + "resolution (16 per pixel), more than a quarter of the heap ("), r.err);
    }
  }

  @Test
  void aUidSubsetOfEventSampleIdsIsRefusedBeforeTheRun() {
    Path out = tmp.resolve("subset-refused");
    SelectSettings s = new SelectSettings(shards, out, SelectionMethod.RANDOM, SelectParameters.of(0.5, null, 1),
        FeatureSpec.parse("pixels"), Grouping.parse("label"), null, tmp.resolve("subset.npy"),
        SelectSettings.DEFAULT_MAX_GROUP_BYTES, SelectSettings.DEFAULT_KMEANS_SAMPLE, false, false, List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SelectJob.run(s));
    assertTrue(e.getMessage().matches("--subset-out writes DataComp uids \\(hex digits\\), and the input's sample ids "
        + "are not uids \\(the first is 'nmnist/[^']+'\\); selection.parquet lists the chosen sample ids of any "
        + "dataset"), e.getMessage());
    assertFalse(Files.exists(out), "nothing written");
    assertFalse(Files.exists(tmp.resolve("subset.npy")));
  }

  private static Throwable rootCause(Throwable t) {
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }
}
