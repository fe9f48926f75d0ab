package org.evshard.pipelines.curate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.evshard.io.Fixtures;
import org.evshard.io.image.OpenCv;
import org.evshard.io.shard.ImageRow;
import org.evshard.io.shard.ImageShardReader;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/** {@code evshard curate} end to end on the real CIFAR-10 JPEGs and the real webdataset shard, DirectRunner. */
class CurateJobTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private static List<Path> cifarFixtures() throws Exception {
    try (Stream<Path> s = Files.walk(Fixtures.root().resolve("fixtures/images/cifar10"))) {
      return s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
    }
  }

  private static byte[] jpeg(Mat m, int quality) {
    MatOfByte out = new MatOfByte();
    Imgcodecs.imencode(".jpg", m, out, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality));
    return out.toArray();
  }

  /**
   * CIFAKE layout: the 50 real fixtures as train/REAL/0000..0049.jpg, and in train/FAKE four copies of four of them
   * (byte-exact, recompressed at quality 60, brightness +20, downscaled to 24 x 24), plus two undecodable files in
   * test/REAL (a truncated JPEG, random bytes).
   */
  @Test
  void duplicatesGoCorruptFilesAreRejectedAndEverySampleIsAccountedFor() throws Exception {
    OpenCv.ensureLoaded();
    Path root = tmp.resolve("cifake");
    Files.createDirectories(root.resolve("train/REAL"));
    Files.createDirectories(root.resolve("train/FAKE"));
    Files.createDirectories(root.resolve("test/REAL"));
    List<Path> fixtures = cifarFixtures();
    for (int i = 0; i < fixtures.size(); i++) {
      Files.copy(fixtures.get(i), root.resolve(String.format("train/REAL/%04d.jpg", i)));
    }
    byte[] b0 = Files.readAllBytes(fixtures.get(0));
    Files.write(root.resolve("train/FAKE/9001.jpg"), b0);
    Mat m5 = Imgcodecs.imread(fixtures.get(5).toString());
    Files.write(root.resolve("train/FAKE/9002.jpg"), jpeg(m5, 60));
    Mat m10 = Imgcodecs.imread(fixtures.get(10).toString());
    Mat bright = new Mat();
    m10.convertTo(bright, -1, 1.0, 20);
    Files.write(root.resolve("train/FAKE/9003.jpg"), jpeg(bright, 95));
    Mat m15 = Imgcodecs.imread(fixtures.get(15).toString());
    Mat small = new Mat();
    Imgproc.resize(m15, small, new Size(24, 24), 0, 0, Imgproc.INTER_AREA);
    Files.write(root.resolve("train/FAKE/9004.jpg"), jpeg(small, 95));
    byte[] b20 = Files.readAllBytes(fixtures.get(20));
    Files.write(root.resolve("test/REAL/9005.jpg"), Arrays.copyOf(b20, 300));
    byte[] junk = new byte[500];
    new java.util.Random(3).nextBytes(junk);
    Files.write(root.resolve("test/REAL/9006.jpg"), junk);

    Path out = tmp.resolve("out");
    // t = 6: every copy here is within 4 of its original, distinct fixtures are at least 18 apart
    CurateJob.Result r = CurateJob.run(CurateSettings.of("cifake", root, out).withDedup(List.of("exact", "phash"),
        6).withShards(org.evshard.io.shard.ShardFormat.PARQUET, 2));
    assertEquals(56, r.inputs());
    assertEquals(2, r.rejected());
    assertEquals(4, r.removed());
    assertEquals(50, r.written());
    assertEquals(List.of(), ManifestVerifier.verify(Manifest.read(r.manifest()), out));

    Map<String, JsonNode> removed = new HashMap<>();
    for (String line : Files.readAllLines(out.resolve(RemovedSample.FILE_NAME))) {
      JsonNode n = JSON.readTree(line);
      removed.put(n.get("sample_id").asText(), n);
    }
    String[][] groups = {{"0000", "9001", "dedup_exact"}, {"0005", "9002", "dedup_phash"},
        {"0010", "9003", "dedup_phash"}, {"0015", "9004", "dedup_phash"}};
    for (String[] g : groups) {
      String orig = "cifake/train/REAL/" + g[0];
      String copy = "cifake/train/FAKE/" + g[1];
      assertTrue(removed.containsKey(orig) != removed.containsKey(copy), "exactly one of " + orig + ", " + copy);
      JsonNode n = removed.containsKey(orig) ? removed.get(orig) : removed.get(copy);
      assertEquals(g[2], n.get("step").asText(), n.toString());
      assertEquals(removed.containsKey(orig) ? copy : orig, n.get("duplicate_of").asText(), n.toString());
    }
    // the representative rule: the larger original beats its 24 x 24 copy; equal sizes keep the smaller id (FAKE)
    assertTrue(removed.containsKey("cifake/train/FAKE/9004"));
    assertTrue(removed.containsKey("cifake/train/REAL/0005"));

    Set<String> rejected = new TreeSet<>();
    for (String line : Files.readAllLines(out.resolve(Manifest.ERRORS_FILE))) {
      JsonNode n = JSON.readTree(line);
      assertEquals("decode", n.get("stage").asText(), line);
      rejected.add(n.get("sample_id").asText());
    }
    assertEquals(Set.of("cifake/test/REAL/9005", "cifake/test/REAL/9006"), rejected);

    JsonNode report = JSON.readTree(out.resolve(CurateReport.FILE_NAME).toFile());
    assertEquals(56, report.get("inputs").asLong());
    assertEquals(1, report.get("removed_by_step").get("dedup_exact").get("duplicate").asLong());
    assertEquals(3, report.get("removed_by_step").get("dedup_phash").get("near_duplicate").asLong());
    assertEquals(4, report.get("duplicates").size());

    List<ImageRow> rows = new ArrayList<>();
    for (var s : Manifest.read(r.manifest()).shards()) {
      rows.addAll(ImageShardReader.readAll(out.resolve(s.path())));
    }
    assertEquals(50, rows.size());
    for (ImageRow row : rows) {
      assertEquals(32, row.width(), row.sampleId());
      if (row.sampleId().startsWith("cifake/train/REAL/")) {
        int i = Integer.parseInt(row.sampleId().substring(row.sampleId().lastIndexOf('/') + 1));
        assertTrue(Arrays.equals(Files.readAllBytes(fixtures.get(i)), row.image()), "bytes kept as they were");
        assertEquals("REAL", row.labelName());
        assertEquals(1, row.label());
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT sha256) FROM read_parquet('" + out
            + "/**/*.parquet')")) {
      rs.next();
      assertEquals(50, rs.getLong(1));
      assertEquals(50, rs.getLong(2));
    }
  }

  /**
   * Without deduplication each worker writes whole shards (no shuffle). Its shards must hold exactly the rows, errors
   * and counts of the shuffled path (taken here with an exact dedup that finds nothing to remove), be named
   * {@code part-i-of-n} without gaps and keep the sources' order inside a shard; Arrow shards with the automatic
   * count and three workers hold the same rows.
   */
  @Test
  void perTaskShardsHoldTheRowsOfTheShuffledPath() throws Exception {
    OpenCv.ensureLoaded();
    Path root = tmp.resolve("cifake-pt");
    Files.createDirectories(root.resolve("train/REAL"));
    Files.createDirectories(root.resolve("test/REAL"));
    List<Path> fixtures = cifarFixtures();
    for (int i = 0; i < 40; i++) {
      Files.copy(fixtures.get(i), root.resolve(String.format("train/REAL/%04d.jpg", i)));
    }
    for (int i = 40; i < 46; i++) {
      Files.copy(fixtures.get(i), root.resolve(String.format("test/REAL/%04d.jpg", i)));
    }
    Files.write(root.resolve("test/REAL/9005.jpg"), Arrays.copyOf(Files.readAllBytes(fixtures.get(46)), 300));

    CurateJob.Result shuffled = CurateJob.run(CurateSettings.of("cifake", root, tmp.resolve("shuffled"))
        .withDedup(List.of("exact"), 6).withShards(org.evshard.io.shard.ShardFormat.PARQUET, 3));
    CurateJob.Result perTask = CurateJob.run(CurateSettings.of("cifake", root, tmp.resolve("per-task"))
        .withShards(org.evshard.io.shard.ShardFormat.PARQUET, 3));
    CurateJob.Result arrow = CurateJob.run(CurateSettings.of("cifake", root, tmp.resolve("per-task-arrow"))
        .withShards(org.evshard.io.shard.ShardFormat.ARROW, 0).withBeamArgs(List.of("--targetParallelism=3")));
    for (CurateJob.Result r : List.of(shuffled, perTask, arrow)) {
      assertEquals(47, r.inputs());
      assertEquals(46, r.written());
      assertEquals(1, r.rejected());
      assertEquals(0, r.removed());
      assertEquals(List.of(), ManifestVerifier.verify(Manifest.read(r.manifest()), r.output()));
      assertTrue(Files.readString(r.output().resolve(Manifest.ERRORS_FILE)).contains("cifake/test/REAL/9005"));
    }
    List<String> names = Manifest.read(perTask.manifest()).shards().stream().map(s -> s.path()).sorted().toList();
    assertEquals(List.of("test/part-00000-of-00003.parquet", "test/part-00001-of-00003.parquet",
        "test/part-00002-of-00003.parquet", "train/part-00000-of-00003.parquet", "train/part-00001-of-00003.parquet",
        "train/part-00002-of-00003.parquet"), names);
    Map<String, ImageRow> expected = rowsById(shuffled);
    assertEquals(46, expected.size());
    for (CurateJob.Result r : List.of(perTask, arrow)) {
      Map<String, ImageRow> got = rowsById(r);
      assertEquals(expected.keySet(), got.keySet());
      for (ImageRow want : expected.values()) {
        ImageRow row = got.get(want.sampleId());
        assertTrue(Arrays.equals(want.image(), row.image()), want.sampleId());
        assertEquals(List.of(want.split(), want.label(), want.labelName(), want.source(), want.sha256(),
            want.width(), want.height(), want.attributes()), List.of(row.split(), row.label(), row.labelName(),
            row.source(), row.sha256(), row.width(), row.height(), row.attributes()), want.sampleId());
      }
      for (var s : Manifest.read(r.manifest()).shards()) {
        List<String> ids = ImageShardReader.readAll(r.output().resolve(s.path())).stream()
            .map(ImageRow::sampleId).toList();
        assertEquals(ids.stream().sorted().toList(), ids, "rows keep the sources' order in " + s.path());
      }
    }
  }

  private static Map<String, ImageRow> rowsById(CurateJob.Result r) throws Exception {
    Map<String, ImageRow> rows = new TreeMap<>();
    for (var s : Manifest.read(r.manifest()).shards()) {
      for (ImageRow row : ImageShardReader.readAll(r.output().resolve(s.path()))) {
        assertEquals(null, rows.put(row.sampleId(), row), "twice: " + row.sampleId());
      }
    }
    return rows;
  }

  @Test
  void webdatasetShardsKeepGoingPastATruncatedShardAndCountSkippedEntries() throws Exception {
    Path root = tmp.resolve("wds");
    Files.createDirectories(root.resolve("train"));
    Path sample = Fixtures.file("fixtures/images/webdataset/sample.tgz");
    Files.copy(sample, root.resolve("train/good.tgz"));
    // an uncompressed tar: two samples, a symlink and a '..' path, then cut inside the second sample's image
    byte[] png = readFirstPng(sample);
    Path unsafe = root.resolve("train/unsafe.tar");
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(unsafe))) {
      TarEntries.add(t, "a.png", png);
      TarEntries.add(t, "a.cls", "7".getBytes());
      TarArchiveEntry link = new TarArchiveEntry("b.png", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("/etc/passwd");
      t.putArchiveEntry(link);
      t.closeArchiveEntry();
      TarEntries.add(t, "../c.png", png);
      TarEntries.add(t, "d.png", png);
    }
    byte[] whole = Files.readAllBytes(unsafe);
    int dHeader = headerOffset(whole, "d.png");
    Files.write(unsafe, Arrays.copyOf(whole, dHeader + 512 + 100));

    Path out = tmp.resolve("wds-out");
    CurateJob.Result r = CurateJob.run(CurateSettings.of("webdataset", root, out));
    // 90 samples of the real shard, 1 of the cut one, and its unreadable rest as one rejected input
    assertEquals(92, r.inputs());
    assertEquals(91, r.written());
    assertEquals(1, r.rejected());
    assertEquals(List.of(), ManifestVerifier.verify(Manifest.read(r.manifest()), out));
    JsonNode report = JSON.readTree(out.resolve(CurateReport.FILE_NAME).toFile());
    assertEquals(1, report.get("tar_entries_skipped").get("symlink").asLong(), report.toString());
    assertEquals(1, report.get("tar_entries_skipped").get("parent_path").asLong(), report.toString());
    List<ImageRow> rows = new ArrayList<>();
    for (var s : Manifest.read(r.manifest()).shards()) {
      rows.addAll(ImageShardReader.readAll(out.resolve(s.path())));
    }
    assertEquals(91, rows.size());
    assertTrue(rows.stream().allMatch(row -> row.label() != null && row.width() == 28 && row.height() == 28),
        rows.get(0).toString());
    assertTrue(rows.stream().anyMatch(row -> row.sampleId().equals("webdataset/train/unsafe/a") && row.label() == 7));
    JsonNode error = JSON.readTree(Files.readAllLines(out.resolve(Manifest.ERRORS_FILE)).get(0));
    assertEquals("train/unsafe.tar", error.get("source").asText());
    assertEquals(headerOffset(whole, "d.png"), error.get("offset").asLong(), error.toString());
  }

  /**
   * A named pipe called like an image or a shard (tar extracts them from an archive): the image-folder run waited
   * forever on its open, the webdataset run passed it over without a word. Now each is a rejected input.
   */
  @Test
  @org.junit.jupiter.api.Timeout(300)
  void namedPipesCalledLikeAnImageOrAShardAreRejectedWithoutBeingOpened() throws Exception {
    Path images = tmp.resolve("fifo-images");
    Files.createDirectories(images.resolve("train/cat"));
    Files.copy(cifarFixtures().get(0), images.resolve("train/cat/0000.jpg"));
    mkfifo(images.resolve("train/cat/0001.jpg"));
    CurateJob.Result folder = CurateJob.run(CurateSettings.of("image-folder", images, tmp.resolve("fifo-images-out")));
    assertEquals(2, folder.inputs());
    assertEquals(1, folder.written());
    assertEquals(1, folder.rejected());
    JsonNode error = JSON.readTree(Files.readAllLines(tmp.resolve("fifo-images-out").resolve(Manifest.ERRORS_FILE))
        .get(0));
    assertEquals("cannot read: " + images.resolve("train/cat/0001.jpg") + ": not a regular file (a named pipe, "
        + "socket or device): not opened", error.get("reason").asText());

    Path shards = tmp.resolve("fifo-wds");
    Files.createDirectories(shards.resolve("train"));
    Files.copy(Fixtures.file("fixtures/images/webdataset/sample.tgz"), shards.resolve("train/good.tgz"));
    mkfifo(shards.resolve("train/zz.tar"));
    CurateJob.Result wds = CurateJob.run(CurateSettings.of("webdataset", shards, tmp.resolve("fifo-wds-out")));
    assertEquals(91, wds.inputs());
    assertEquals(90, wds.written());
    assertEquals(1, wds.rejected());
    error = JSON.readTree(Files.readAllLines(tmp.resolve("fifo-wds-out").resolve(Manifest.ERRORS_FILE)).get(0));
    assertEquals("train/zz.tar", error.get("source").asText());
    assertTrue(error.get("reason").asText().endsWith("not a regular file (a named pipe, socket or device): not "
        + "opened"), error.toString());
  }

  /**
   * A tar whose key comes back after another key (dup, other, dup, more): webdataset starts a new sample at each change
   * of key, so two rows had sample id .../dup, which verify passed and select then failed on. Now the second is
   * rejected and the ids stay unique.
   */
  @Test
  void aWebdatasetKeyThatComesAgainIsRejectedSoSampleIdsStayUnique() throws Exception {
    Path root = tmp.resolve("wds-dup");
    Files.createDirectories(root.resolve("train"));
    byte[] png = readFirstPng(Fixtures.file("fixtures/images/webdataset/sample.tgz"));
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(root.resolve("train/s.tar")))) {
      for (String key : List.of("dup", "other", "dup", "more")) {
        TarEntries.add(t, key + ".png", png);
        TarEntries.add(t, key + ".cls", "1".getBytes());
      }
    }
    Path out = tmp.resolve("wds-dup-out");
    CurateJob.Result r = CurateJob.run(CurateSettings.of("webdataset", root, out));
    assertEquals(4, r.inputs());
    assertEquals(3, r.written());
    assertEquals(1, r.rejected());
    List<String> ids = new ArrayList<>();
    for (var sh : Manifest.read(r.manifest()).shards()) {
      ImageShardReader.readAll(out.resolve(sh.path())).forEach(row -> ids.add(row.sampleId()));
    }
    assertEquals(List.of("webdataset/train/s/dup", "webdataset/train/s/more", "webdataset/train/s/other"),
        ids.stream().sorted().toList());
    JsonNode error = JSON.readTree(Files.readAllLines(out.resolve(Manifest.ERRORS_FILE)).get(0));
    assertEquals("webdataset/train/s/dup", error.get("sample_id").asText());
    assertEquals("key dup comes again after other keys: a second sample of one sample id (the first sample with this "
        + "key is kept)", error.get("reason").asText());
  }

  private static void mkfifo(Path path) throws Exception {
    assertEquals(0, new ProcessBuilder("mkfifo", path.toString()).start().waitFor());
  }

  /** img2dataset's files layout: 00000/ with jpg + txt + json per sample; one failed download (json only). */
  @Test
  void img2datasetFilesLayoutKeepsCaptionsAndSidecarFields() throws Exception {
    Path root = tmp.resolve("i2d");
    Path shard = root.resolve("00000");
    Files.createDirectories(shard);
    List<Path> fixtures = cifarFixtures();
    for (int i = 0; i < 6; i++) {
      String key = String.format("%09d", i);
      if (i == 5) {
        Files.writeString(shard.resolve(key + ".json"), "{\"key\": \"" + key + "\", \"status\": \"failed_to_download\","
            + " \"error_message\": \"HTTP 404\"}");
        continue;
      }
      Files.copy(fixtures.get(i), shard.resolve(key + ".jpg"));
      Files.writeString(shard.resolve(key + ".txt"), "caption number " + i);
      Files.writeString(shard.resolve(key + ".json"), "{\"key\": \"" + key + "\", \"status\": \"success\", "
          + "\"url\": \"http://example.com/" + i + ".jpg\"}");
    }
    Files.writeString(root.resolve("00000_stats.json"), "{\"count\": 6, \"successes\": 5}");
    Path out = tmp.resolve("i2d-out");
    CurateJob.Result r = CurateJob.run(CurateSettings.of("img2dataset", root, out).withWebdataset(true));
    assertEquals(6, r.inputs());
    assertEquals(5, r.written());
    assertEquals(1, r.rejected());
    assertEquals(List.of(), ManifestVerifier.verify(Manifest.read(r.manifest()), out));
    List<ImageRow> rows = new ArrayList<>();
    for (var s : Manifest.read(r.manifest()).shards()) {
      rows.addAll(ImageShardReader.readAll(out.resolve(s.path())));
    }
    rows.sort(java.util.Comparator.comparing(ImageRow::sampleId));
    assertEquals("img2dataset/00000/000000002", rows.get(2).sampleId());
    assertEquals("caption number 2", rows.get(2).caption());
    assertEquals("http://example.com/2.jpg", rows.get(2).attributes().get("url"));
    assertTrue(Arrays.equals(Files.readAllBytes(fixtures.get(2)), rows.get(2).image()));
    assertTrue(Files.readString(out.resolve(Manifest.ERRORS_FILE)).contains("HTTP 404"));
    // --webdataset-out: the same rows as a webdataset tar beside the shard, readable by the tar reader
    String written = Manifest.read(r.manifest()).shards().get(0).path();
    Path tar = out.resolve(written.substring(0, written.lastIndexOf('.')) + ".tar");
    List<org.evshard.io.tar.WebDatasetSample> samples = new ArrayList<>();
    try (var reader = org.evshard.io.tar.WebDatasetReader.open(tar)) {
      reader.forEachRemaining(samples::add);
    }
    assertEquals(5, samples.size());
    for (int i = 0; i < 5; i++) {
      var sample = samples.get(i);
      assertEquals(List.of("jpg", "json", "txt"), sample.extensions().stream().sorted().toList());
      JsonNode json = JSON.readTree(sample.member("json").orElseThrow().bytes());
      ImageRow row = rows.get(i);
      assertEquals(row.sampleId(), json.get("sample_id").asText());
      assertTrue(Arrays.equals(row.image(), sample.member("jpg").orElseThrow().bytes()));
      assertEquals(row.caption(), new String(sample.member("txt").orElseThrow().bytes(),
          java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /**
   * img2dataset writes a failed download to the shard's metadata parquet only: in the {@code files} and
   * {@code webdataset} layouts it is now rejected with img2dataset's status and message (it vanished before), and a
   * row listed as downloaded whose files are missing is rejected too; rows the shard holds are not counted twice.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void img2datasetFailedDownloadsAreRejectedFromTheShardsMetadata(boolean tar) throws Exception {
    Path root = tmp.resolve(tar ? "i2d-meta-tar" : "i2d-meta-files");
    Files.createDirectories(root);
    List<Path> fixtures = cifarFixtures();
    if (tar) {
      try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(root.resolve("00000.tar")))) {
        for (int i = 0; i < 3; i++) {
          TarEntries.add(t, String.format("%09d.jpg", i), Files.readAllBytes(fixtures.get(i)));
        }
      }
    } else {
      Files.createDirectories(root.resolve("00000"));
      for (int i = 0; i < 3; i++) {
        Files.copy(fixtures.get(i), root.resolve(String.format("00000/%09d.jpg", i)));
      }
    }
    org.apache.parquet.schema.MessageType schema = org.evshard.io.img2dataset.TestParquet.schema("message schema {"
        + " optional binary key (STRING); optional binary status (STRING); optional binary error_message (STRING);"
        + " optional binary url (STRING); }");
    var f = new org.apache.parquet.example.data.simple.SimpleGroupFactory(schema);
    List<org.apache.parquet.example.data.Group> rows = new ArrayList<>();
    String[][] meta = {{"000000000", "success", null}, {"000000001", "success", null},
        {"000000002", "success", null}, {"000000003", "failed_to_download", "HTTP Error 404: Not Found"},
        {"000000004", "failed_to_resize", "image too small"}, {"000000005", "success", null}};
    for (String[] m : meta) {
      var g = f.newGroup().append("key", m[0]).append("status", m[1]).append("url", "http://x/" + m[0]);
      if (m[2] != null) {
        g.append("error_message", m[2]);
      }
      rows.add(g);
    }
    org.evshard.io.img2dataset.TestParquet.write(root.resolve("00000.parquet"), schema, rows);
    Path out = tmp.resolve(root.getFileName() + "-out");
    CurateJob.Result r = CurateJob.run(CurateSettings.of("img2dataset", root, out));
    assertEquals(6, r.inputs());
    assertEquals(3, r.written());
    assertEquals(3, r.rejected());
    Map<String, String> reasons = new TreeMap<>();
    for (String line : Files.readAllLines(out.resolve(Manifest.ERRORS_FILE))) {
      JsonNode n = JSON.readTree(line);
      reasons.put(n.get("sample_id").asText(), n.get("reason").asText());
    }
    assertEquals(Set.of("img2dataset/00000/000000003", "img2dataset/00000/000000004",
        "img2dataset/00000/000000005"), reasons.keySet());
    assertEquals("no image (img2dataset status failed_to_download: HTTP Error 404: Not Found)",
        reasons.get("img2dataset/00000/000000003"));
    assertTrue(reasons.get("img2dataset/00000/000000005").startsWith("img2dataset's metadata lists it as "
        + "downloaded, but the shard"), reasons.toString());
    assertEquals(List.of(), ManifestVerifier.verify(Manifest.read(r.manifest()), out));
  }

  /**
   * Undecodable images inside a tar are counted together by reason in the report (each was its own key, named by the
   * member and "at byte 0"), and the reason keeps where in the image the problem is.
   */
  @Test
  void decodeErrorsInsideATarAreCountedByReason() throws Exception {
    Path root = tmp.resolve("wds-bad");
    Files.createDirectories(root.resolve("train"));
    byte[] junk = "not an image at all".getBytes();
    try (TarArchiveOutputStream t = new TarArchiveOutputStream(Files.newOutputStream(root.resolve("train/b.tar")))) {
      TarEntries.add(t, "p1.png", junk);
      TarEntries.add(t, "p2.png", junk);
      TarEntries.add(t, "p3.jpg", Files.readAllBytes(cifarFixtures().get(0)));
    }
    Path out = tmp.resolve("wds-bad-out");
    CurateJob.Result r = CurateJob.run(CurateSettings.of("webdataset", root, out));
    assertEquals(3, r.inputs());
    assertEquals(2, r.rejected());
    JsonNode decode = JSON.readTree(out.resolve(CurateReport.FILE_NAME).toFile()).get("rejected_by_stage")
        .get("decode");
    assertEquals(1, decode.size(), decode.toString());
    assertEquals(2, decode.elements().next().asLong(), decode.toString());
    assertTrue(decode.fieldNames().next().startsWith("not a JPEG, PNG or WebP image"), decode.toString());
    for (String line : Files.readAllLines(out.resolve(Manifest.ERRORS_FILE))) {
      assertTrue(line.contains("(at byte 0 of the image)"), line);
    }
  }

  /** One sample's broken sidecar rejects that sample only; the later samples of the folder are still read. */
  @Test
  void img2datasetFilesLayoutRejectsOnlyTheSampleWithABrokenSidecar() throws Exception {
    Path shard = tmp.resolve("i2d-broken/00000");
    Files.createDirectories(shard);
    List<Path> fixtures = cifarFixtures();
    for (int i = 0; i < 4; i++) {
      Files.copy(fixtures.get(i), shard.resolve(String.format("%09d.jpg", i)));
    }
    Files.writeString(shard.resolve("000000000.json"), "{\"status\": \"success\"}");
    Files.writeString(shard.resolve("000000001.json"), "{broken");
    Files.writeString(shard.resolve("000000003.txt"), "a caption");
    Path out = tmp.resolve("i2d-broken-out");
    CurateJob.Result r = CurateJob.run(CurateSettings.of("img2dataset", tmp.resolve("i2d-broken"), out));
    assertEquals(4, r.inputs());
    assertEquals(3, r.written());
    assertEquals(1, r.rejected());
    List<String> errors = Files.readAllLines(out.resolve(Manifest.ERRORS_FILE));
    assertEquals(1, errors.size(), errors.toString());
    JsonNode e = JSON.readTree(errors.get(0));
    assertEquals("img2dataset/00000/000000001", e.get("sample_id").asText());
    assertEquals("00000/000000001.jpg", e.get("source").asText());
    assertTrue(e.get("reason").asText().startsWith("not valid JSON"), e.toString());
    assertTrue(e.get("reason").asText().endsWith("(000000001.json)"), e.toString());
    assertEquals(List.of(), ManifestVerifier.verify(Manifest.read(r.manifest()), out));
  }

  /** Offset of the 512-byte header block whose name field is {@code name}. */
  private static int headerOffset(byte[] tar, String name) {
    byte[] want = (name + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int at = 0; at + 512 <= tar.length; at += 512) {
      if (Arrays.equals(Arrays.copyOfRange(tar, at, at + want.length), want)) {
        return at;
      }
    }
    throw new AssertionError(name + " not in the tar");
  }

  /**
   * A corpus without an image is a clear error naming the layout, with and without dedup (the shuffled path threw a
   * NullPointerException), and a run refused before its pipeline leaves no output folder (it left an empty one).
   */
  @Test
  void aCorpusWithoutImagesIsRefusedBeforeTheOutputFolderIsMade() throws Exception {
    Path root = tmp.resolve("in");
    Files.createDirectories(root.resolve("cat"));
    Files.writeString(root.resolve("cat/notes.txt"), "no image here");
    for (List<String> dedup : List.of(List.<String>of(), List.of("phash"))) {
      Path out = tmp.resolve("out" + dedup.size());
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> CurateJob.run(CurateSettings.of("image-folder", root, out).withDedup(dedup, 3)));
      assertTrue(e.getMessage().startsWith("image-folder: no image under " + root.toAbsolutePath().normalize()
          + " (1 other entries, e.g. cat/notes.txt). Expected layout: "), e.getMessage());
      assertFalse(Files.exists(out), out + " was made");
    }
    Path missing = tmp.resolve("out-missing");
    assertThrows(org.evshard.datasets.DatasetLayoutException.class,
        () -> CurateJob.run(CurateSettings.of("image-folder", tmp.resolve("nothing"), missing)));
    assertFalse(Files.exists(missing), missing + " was made");
  }

  /** A run whose every input is rejected exits 1, as {@code convert} does, and still reconciles in its manifest. */
  @Test
  void aRunThatRejectsEveryInputExitsWithOne() throws Exception {
    Path root = tmp.resolve("allbad");
    Files.createDirectories(root.resolve("cat"));
    Files.write(root.resolve("cat/zero.jpg"), new byte[0]);
    Files.writeString(root.resolve("cat/text.jpg"), "not a JPEG");
    Path out = tmp.resolve("allbad-out");
    assertEquals(1, org.evshard.pipelines.cli.EvshardCli.execute("curate", "--dataset", "image-folder", "--input",
        root.toString(), "--output", out.toString(), "--no-progress"));
    assertEquals(2, Files.readAllLines(out.resolve(Manifest.ERRORS_FILE)).size());
    assertEquals(List.of(), ManifestVerifier.verify(Manifest.read(out.resolve(Manifest.FILE_NAME)), out));
  }

  private static byte[] readFirstPng(Path tgz) throws Exception {
    try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
        new java.util.zip.GZIPInputStream(Files.newInputStream(tgz)))) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().endsWith(".png")) {
          return in.readAllBytes();
        }
      }
    }
    throw new AssertionError("no png in " + tgz);
  }
}
