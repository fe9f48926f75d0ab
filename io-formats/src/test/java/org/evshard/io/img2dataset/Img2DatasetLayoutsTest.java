package org.evshard.io.img2dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.evshard.io.Fixtures;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three img2dataset output layouts, built here as img2dataset's writer.py lays them out, read back. */
class Img2DatasetLayoutsTest {

  static final String[] CLASSES = {"airplane", "cat", "ship"};
  /** The metadata columns img2dataset writes for each sample, with pyarrow's types. */
  static final String META_SCHEMA = "message schema { optional binary url (STRING); optional binary key (STRING);"
      + " optional binary caption (STRING); optional binary status (STRING); optional binary error_message (STRING);"
      + " optional int64 width; optional int64 height; optional int64 original_width; optional int64 original_height;"
      + " optional binary exif (STRING); optional binary sha256 (STRING); }";

  @TempDir
  Path out;
  final List<byte[]> jpegs = new ArrayList<>();

  @BeforeEach
  void loadJpegs() throws IOException {
    for (String c : CLASSES) {
      jpegs.add(Files.readAllBytes(Fixtures.file("fixtures/images/cifar10/train/" + c + "/0001.jpg")));
    }
  }

  static String key(int i) {
    return String.format("%09d", i);
  }

  /** The sidecar as {@code json.dumps(meta, indent=4)} writes it. */
  static String json(int i) {
    return "{\n    \"url\": \"http://example.com/" + i + ".jpg\",\n    \"key\": \"" + key(i) + "\",\n"
        + "    \"caption\": \"a " + CLASSES[i] + "\",\n    \"status\": \"success\",\n    \"error_message\": null,\n"
        + "    \"width\": 32,\n    \"height\": 32,\n    \"original_width\": 32,\n    \"original_height\": 32,\n"
        + "    \"exif\": \"{}\",\n    \"sha256\": \"ab" + i + "\"\n}";
  }

  static Map<String, String> expectedFields(int i) {
    Map<String, String> m = new TreeMap<>();
    m.put("url", "http://example.com/" + i + ".jpg");
    m.put("key", key(i));
    m.put("caption", "a " + CLASSES[i]);
    m.put("status", "success");
    m.put("error_message", "null");
    m.put("width", "32");
    m.put("height", "32");
    m.put("original_width", "32");
    m.put("original_height", "32");
    m.put("exif", "{}");
    m.put("sha256", "ab" + i);
    return m;
  }

  void writeStats() throws IOException {
    Files.writeString(out.resolve("00000_stats.json"), "{\n    \"count\": 4,\n    \"successes\": 3,\n"
        + "    \"failed_to_download\": 1,\n    \"failed_to_resize\": 0,\n    \"duration\": 1.25,\n"
        + "    \"status_dict\": {\n        \"success\": 3,\n        \"<urlopen error timed out>\": 1\n    }\n}");
  }

  void checkSamples(List<Img2DatasetSample> samples, String memberPrefix) {
    assertEquals(3, samples.size());
    for (int i = 0; i < 3; i++) {
      Img2DatasetSample s = samples.get(i);
      assertEquals(key(i), s.key());
      assertEquals(Optional.of("a " + CLASSES[i]), s.caption());
      assertArrayEquals(jpegs.get(i), s.imageBytes().orElseThrow());
      assertEquals(Optional.of("jpg"), s.imageExtension());
      assertEquals(expectedFields(i), s.fields());
      assertEquals(memberPrefix + key(i) + ".jpg", s.member());
    }
  }

  @Test
  void filesLayout() throws IOException {
    Path shard = Files.createDirectory(out.resolve("00000"));
    for (int i = 2; i >= 0; i--) {
      Files.write(shard.resolve(key(i) + ".jpg"), jpegs.get(i));
      Files.writeString(shard.resolve(key(i) + ".txt"), "a " + CLASSES[i]);
      Files.writeString(shard.resolve(key(i) + ".json"), json(i));
    }
    Files.createDirectory(shard.resolve("stray"));
    Files.createSymbolicLink(shard.resolve(key(7) + ".jpg"), shard.resolve(key(0) + ".jpg"));
    writeStats();
    Img2DatasetFilesReader r = Img2DatasetFilesReader.open(shard);
    List<Img2DatasetSample> samples = r.readAll();
    checkSamples(samples, "00000/");
    assertEquals(shard.resolve(key(1) + ".jpg").toString(), samples.get(1).source());
    assertEquals(-1, samples.get(1).offset());
    assertEquals(2, r.skippedFiles());
    assertEquals(Optional.of(Img2DatasetLayout.FILES), Img2DatasetLayout.detect(out));
    Img2DatasetStats st = Img2DatasetStats.read(out.resolve("00000_stats.json"));
    assertEquals(new Img2DatasetStats(4, 3, 1, 0, 1.25, new TreeMap<>(Map.of("success", 3L,
        "<urlopen error timed out>", 1L))), st);
  }

  @Test
  void filesLargerThanTheLimitAreRefusedUnread() throws IOException {
    Path shard = Files.createDirectory(out.resolve("00000"));
    Files.write(shard.resolve(key(0) + ".jpg"), jpegs.get(0));
    Img2DatasetFilesReader r = Img2DatasetFilesReader.open(shard,
        org.evshard.io.tar.TarLimits.defaults().withMaxEntryBytes(jpegs.get(0).length - 1));
    assertThrows(LimitExceededException.class, r::next);
  }

  @Test
  void webdatasetLayout() throws IOException {
    Path tar = out.resolve("00000.tar");
    List<Long> headers = new ArrayList<>();
    try (OutputStream o = Files.newOutputStream(tar);
        TarArchiveOutputStream t = new TarArchiveOutputStream(o, "UTF-8")) {
      long pos = 0;
      for (int i = 0; i < 3; i++) {
        headers.add(pos);
        // webdataset's TarWriter writes a sample's fields in key order of the dict: jpg, txt, json here
        for (Map.Entry<String, byte[]> m : List.of(Map.entry("jpg", jpegs.get(i)),
            Map.entry("txt", ("a " + CLASSES[i]).getBytes(StandardCharsets.UTF_8)),
            Map.entry("json", json(i).getBytes(StandardCharsets.UTF_8)))) {
          TarArchiveEntry e = new TarArchiveEntry(key(i) + "." + m.getKey()); // TarWriter: key + "." + ext
          e.setSize(m.getValue().length);
          t.putArchiveEntry(e);
          t.write(m.getValue());
          t.closeArchiveEntry();
          pos += 512 + (m.getValue().length + 511) / 512 * 512;
        }
      }
    }
    writeStats();
    List<Img2DatasetSample> samples = new ArrayList<>();
    try (Img2DatasetTarReader r = Img2DatasetTarReader.open(tar)) {
      for (Optional<Img2DatasetSample> s = r.next(); s.isPresent(); s = r.next()) {
        samples.add(s.get());
      }
      assertEquals(0, r.skipCounts().total());
    }
    checkSamples(samples, "");
    for (int i = 0; i < 3; i++) {
      assertEquals(tar.toString(), samples.get(i).source());
      assertEquals((long) headers.get(i), samples.get(i).offset());
    }
    assertEquals(Optional.of(Img2DatasetLayout.WEBDATASET), Img2DatasetLayout.detect(out));
  }

  @Test
  void parquetLayoutWithAFailedDownload() throws IOException {
    MessageType schema = TestParquet.schema("message schema { optional binary key (STRING); optional binary jpg;"
        + " optional binary txt (STRING); optional binary url (STRING); optional binary status (STRING);"
        + " optional binary error_message (STRING); optional int64 width; optional double score;"
        + " optional boolean flag; optional group tags (LIST) { repeated group list { optional binary element"
        + " (STRING); } } }");
    SimpleGroupFactory f = new SimpleGroupFactory(schema);
    List<Group> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Group g = f.newGroup().append("key", key(i)).append("jpg", Binary.fromConstantByteArray(jpegs.get(i)))
          .append("txt", "a " + CLASSES[i]).append("url", "http://example.com/" + i + ".jpg")
          .append("status", "success").append("width", 32L).append("score", 0.25 * i).append("flag", i == 1);
      g.addGroup("tags").addGroup("list").append("element", "t" + i);
      rows.add(g);
    }
    rows.add(f.newGroup().append("key", key(3)).append("url", "http://example.com/3.jpg")
        .append("status", "failed_to_download").append("error_message", "timed out"));
    Path file = out.resolve("00000.parquet");
    TestParquet.write(file, schema, rows);
    try (Img2DatasetParquetReader r = Img2DatasetParquetReader.open(file)) {
      assertEquals(Optional.of("jpg"), r.imageColumn());
      assertEquals(List.of("tags"), r.unreadColumns());
      for (int i = 0; i < 3; i++) {
        Img2DatasetSample s = r.next().orElseThrow();
        assertEquals(key(i), s.key());
        assertArrayEquals(jpegs.get(i), s.imageBytes().orElseThrow());
        assertEquals(Optional.of("a " + CLASSES[i]), s.caption());
        Map<String, String> want = new TreeMap<>(Map.of("key", key(i), "txt", "a " + CLASSES[i], "url",
            "http://example.com/" + i + ".jpg", "status", "success", "error_message", "null", "width", "32",
            "score", Double.toString(0.25 * i), "flag", Boolean.toString(i == 1)));
        assertEquals(want, s.fields());
        assertEquals(file + "[row " + i + "]", s.source());
      }
      Img2DatasetSample failed = r.next().orElseThrow();
      assertFalse(failed.hasImage());
      assertEquals(Optional.empty(), failed.caption());
      assertEquals(Optional.of("timed out"), failed.field("error_message"));
      assertEquals(Optional.empty(), r.next());
    }
    assertEquals(Optional.of(Img2DatasetLayout.PARQUET), Img2DatasetLayout.detect(out));
    try (Img2DatasetParquetReader r = Img2DatasetParquetReader.open(file, "txt", 100)) {
      assertThrows(LimitExceededException.class, r::next);
    }
    // a row group larger than the limit for the columns read is refused before a row is read; one at it is read
    LimitExceededException big = assertThrows(LimitExceededException.class,
        () -> Img2DatasetParquetReader.open(file, "txt", 1 << 20, 100, "a test's limit"));
    assertEquals(100, big.limit());
    assertTrue(big.found() > 100, big.getMessage());
    assertTrue(big.getMessage().contains("row group 0 (read whole) of " + big.found() + " exceeds the limit of 100; "
        + "a test's limit"), big.getMessage());
    try (Img2DatasetParquetReader r = Img2DatasetParquetReader.open(file, "txt", 1 << 20, big.found(), null)) {
      for (int i = 0; i < 4; i++) {
        assertTrue(r.next().isPresent());
      }
      assertEquals(Optional.empty(), r.next());
    }
  }

  @Test
  void metadataParquetOfTheOtherLayoutsHasNoImage() throws IOException {
    MessageType schema = TestParquet.schema(META_SCHEMA);
    Group g = new SimpleGroupFactory(schema).newGroup().append("url", "u").append("key", key(0))
        .append("caption", "c").append("status", "success").append("width", 32L);
    Path file = out.resolve("00000.parquet");
    TestParquet.write(file, schema, List.of(g));
    try (Img2DatasetParquetReader r = Img2DatasetParquetReader.open(file, "caption", 1 << 20)) {
      assertEquals(Optional.empty(), r.imageColumn());
      Img2DatasetSample s = r.next().orElseThrow();
      assertEquals(Optional.of("c"), s.caption());
      assertEquals("null", s.fields().get("sha256"));
      assertEquals("32", s.fields().get("width"));
    }
    assertEquals(Optional.empty(), Img2DatasetLayout.detect(out));
  }

  @Test
  void statsNeedTheirCounts() {
    assertThrows(CorruptInputException.class, () -> Img2DatasetStats.parse(
        "{\"count\": 2, \"successes\": 1}".getBytes(StandardCharsets.UTF_8), "s.json"));
    assertThrows(CorruptInputException.class, () -> Img2DatasetStats.parse(
        "{\"count\": -1, \"successes\": 1, \"failed_to_download\": 0, \"failed_to_resize\": 0}"
            .getBytes(StandardCharsets.UTF_8), "s.json"));
    Img2DatasetStats s = Img2DatasetStats.parse(("{\"count\": 2, \"successes\": 1, \"failed_to_download\": 1,"
        + " \"failed_to_resize\": 0, \"start_time\": 1.0}").getBytes(StandardCharsets.UTF_8), "s.json");
    assertTrue(Double.isNaN(s.duration()));
    assertEquals(2, s.count());
  }

  @Test
  void sidecarsMustBeObjects() {
    assertThrows(CorruptInputException.class, () -> Img2DatasetJson.parse("[1]".getBytes(StandardCharsets.UTF_8),
        "x.json"));
    assertThrows(CorruptInputException.class, () -> Img2DatasetJson.parse("{\"a\": 1} x".getBytes(
        StandardCharsets.UTF_8), "x.json"));
    assertEquals(Map.of("a", "[[0.5,1]]", "b", "true"), Img2DatasetJson.parse(
        "{\"a\": [[0.5, 1]], \"b\": true}".getBytes(StandardCharsets.UTF_8), "x.json"));
  }
}
