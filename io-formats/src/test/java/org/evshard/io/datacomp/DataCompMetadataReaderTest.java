package org.evshard.io.datacomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.evshard.io.Fixtures;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.img2dataset.Img2DatasetJson;
import org.evshard.io.img2dataset.TestParquet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Five real DataComp pool rows (fixture {@code datacomp_sample/metadata_rows.json}) written to Parquet with the pool's
 * column types as pyarrow writes them, in a different column order and with an extra column, read back field by
 * field. The types: strings, int64 sizes, float32 scores and a three-level list of lists of float32 for
 * {@code face_bboxes}, as the schema of datachain's DataComp example (where the fixture rows come from) declares
 * them; the img2dataset sidecars of the same samples confirm float32 boxes: their coordinates are float32 values
 * printed as doubles (0.5005972981452942 is a float32).
 */
class DataCompMetadataReaderTest {

  static final String BOXES = "optional group face_bboxes (LIST) { repeated group list { optional group element"
      + " (LIST) { repeated group list { optional float element; } } } }";

  /** The pool columns shuffled, plus an extra column the reader must ignore. */
  static final String SCHEMA = "message schema { optional float clip_l14_similarity_score; optional binary sha256"
      + " (STRING); optional int32 extra_column; optional binary uid (STRING); " + BOXES + " optional binary text"
      + " (STRING); optional int64 original_height; optional binary url (STRING); optional int64 original_width;"
      + " optional float clip_b32_similarity_score; }";

  @TempDir
  Path dir;

  static JsonNode fixtureRows() throws IOException {
    return new ObjectMapper().readTree(Fixtures.file("fixtures/images/datacomp_sample/metadata_rows.json").toFile());
  }

  static Group row(SimpleGroupFactory f, JsonNode r) {
    Group g = f.newGroup();
    g.append("uid", r.get("uid").asText()).append("url", r.get("url").asText())
        .append("text", r.get("text").asText()).append("original_width", r.get("original_width").asLong())
        .append("original_height", r.get("original_height").asLong())
        .append("clip_b32_similarity_score", (float) r.get("clip_b32_similarity_score").asDouble())
        .append("clip_l14_similarity_score", (float) r.get("clip_l14_similarity_score").asDouble())
        .append("sha256", r.get("sha256").asText()).append("extra_column", 7);
    Group boxes = g.addGroup("face_bboxes");
    for (JsonNode box : r.get("face_bboxes")) {
      Group coords = boxes.addGroup("list").addGroup("element");
      for (JsonNode c : box) {
        coords.addGroup("list").append("element", (float) c.asDouble());
      }
    }
    return g;
  }

  Path writePool(String schemaText) throws IOException {
    MessageType schema = TestParquet.schema(schemaText);
    SimpleGroupFactory f = new SimpleGroupFactory(schema);
    List<Group> rows = new ArrayList<>();
    for (JsonNode r : fixtureRows()) {
      rows.add(row(f, r));
    }
    Path file = dir.resolve("pool.parquet");
    TestParquet.write(file, schema, rows);
    return file;
  }

  static List<DataCompRow> readAll(Path file) throws IOException {
    List<DataCompRow> out = new ArrayList<>();
    try (DataCompMetadataReader r = DataCompMetadataReader.open(file)) {
      for (Optional<DataCompRow> row = r.next(); row.isPresent(); row = r.next()) {
        out.add(row.get());
      }
      assertEquals(out.size(), r.rowsRead());
    }
    return out;
  }

  @Test
  void readsTheRealRowsBackFieldByField() throws IOException {
    List<DataCompRow> rows = readAll(writePool(SCHEMA));
    JsonNode json = fixtureRows();
    assertEquals(5, rows.size());
    for (int i = 0; i < 5; i++) {
      JsonNode r = json.get(i);
      DataCompRow d = rows.get(i);
      assertEquals(r.get("uid").asText(), d.uid());
      assertEquals(32, d.uid().length());
      assertEquals(r.get("url").asText(), d.url());
      assertEquals(r.get("text").asText(), d.text());
      assertEquals(r.get("original_width").asLong(), d.originalWidth());
      assertEquals(r.get("original_height").asLong(), d.originalHeight());
      // the JSON holds the float32 values to 10 decimals: equal at float32 resolution, widened exactly
      assertEquals((float) r.get("clip_b32_similarity_score").asDouble(), d.clipB32SimilarityScore(), 0.0);
      assertEquals((float) r.get("clip_l14_similarity_score").asDouble(), d.clipL14SimilarityScore(), 0.0);
      assertEquals(r.get("sha256").asText(), d.sha256());
      assertEquals(r.get("face_bboxes").size(), d.faceBboxes().size());
      for (int b = 0; b < d.faceBboxes().size(); b++) {
        double[] c = d.faceBboxes().get(b).toArray();
        for (int k = 0; k < 4; k++) {
          assertEquals((float) r.get("face_bboxes").get(b).get(k).asDouble(), c[k], 0.0);
        }
      }
    }
    assertEquals(1, rows.get(1).faceBboxes().size(), "row 1 of the fixture has one face");
  }

  @Test
  void aRowGroupLargerThanTheLimitIsRefusedBeforeARowIsRead() throws IOException {
    Path file = writePool(SCHEMA);
    org.evshard.io.error.LimitExceededException big = assertThrows(
        org.evshard.io.error.LimitExceededException.class, () -> DataCompMetadataReader.open(file, 100, "a limit"));
    assertEquals(100, big.limit());
    assertTrue(big.getMessage().contains("row group 0 (read whole) of " + big.found() + " exceeds the limit of 100; "
        + "a limit"), big.getMessage());
    try (DataCompMetadataReader r = DataCompMetadataReader.open(file, big.found(), null)) { // at the limit: read
      int n = 0;
      while (r.next().isPresent()) {
        n++;
      }
      assertEquals(5, n);
    }
  }

  @Test
  void theTestFileIsWhatDuckDbSeesAsTheRealTypes() throws IOException, SQLException {
    Path file = writePool(SCHEMA);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT typeof(uid), typeof(original_width), typeof(clip_b32_similarity_score),"
            + " typeof(face_bboxes), face_bboxes[1][3] FROM read_parquet('" + file + "') WHERE len(face_bboxes) > 0")) {
      assertTrue(rs.next());
      assertEquals("VARCHAR", rs.getString(1));
      assertEquals("BIGINT", rs.getString(2));
      assertEquals("FLOAT", rs.getString(3));
      assertEquals("FLOAT[][]", rs.getString(4));
      assertEquals(0.8109994531f, rs.getFloat(5), 0.0f);
    }
  }

  @Test
  void readsTheLegacyTwoLevelListsAndFloat64Values() throws IOException {
    String legacy = SCHEMA.replace(BOXES, "optional group face_bboxes (LIST) { repeated group array (LIST) {"
        + " repeated double array; } }");
    MessageType schema = TestParquet.schema(legacy.replace("optional float clip_l14", "optional double clip_l14"));
    SimpleGroupFactory f = new SimpleGroupFactory(schema);
    Group g = f.newGroup().append("uid", "99e71895357f06965a6c5b00d506e5aa").append("url", "u").append("text", "t")
        .append("original_width", 120L).append("original_height", 90L).append("clip_b32_similarity_score", 0.5f)
        .append("clip_l14_similarity_score", 0.1).append("sha256", "s");
    Group box = g.addGroup("face_bboxes").addGroup("array");
    for (double v : new double[] {0.1, 0.2, 0.3, 0.4}) {
      box.append("array", v);
    }
    Path file = dir.resolve("legacy.parquet");
    TestParquet.write(file, schema, List.of(g));
    DataCompRow r = readAll(file).get(0);
    assertEquals(List.of(new FaceBox(0.1, 0.2, 0.3, 0.4)), r.faceBboxes());
    assertEquals(0.1, r.clipL14SimilarityScore(), 0.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"uid", "url", "text", "original_width", "original_height", "clip_b32_similarity_score",
      "clip_l14_similarity_score", "face_bboxes", "sha256"})
  void aMissingColumnIsNamed(String column) throws IOException {
    String schema = SCHEMA.replace(BOXES, "").replaceAll("optional [a-z0-9]+ " + column + "( \\(STRING\\))?;", "");
    if (!column.equals("face_bboxes")) {
      schema = schema.replace("optional int32 extra_column;", "optional int32 extra_column; " + BOXES);
    }
    MessageType s = TestParquet.schema(schema);
    assertTrue(!s.containsField(column));
    Path file = dir.resolve("missing.parquet");
    TestParquet.write(file, s, List.of());
    UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
        () -> DataCompMetadataReader.open(file));
    assertTrue(e.getMessage().contains("'" + column + "'") && e.getMessage().contains(file.toString()),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "optional binary original_width (STRING);|optional int64 original_width;",
      "optional int64 uid;|optional binary uid (STRING);",
      "optional binary clip_b32_similarity_score (STRING);|optional float clip_b32_similarity_score;",
      "optional group face_bboxes (LIST) { repeated group list { optional binary element (STRING); } }|" + BOXES,
      "optional group face_bboxes (LIST) { repeated group list { optional group element (LIST) { repeated group list"
          + " { optional binary element (STRING); } } } }|" + BOXES,
      "repeated binary sha256 (STRING);|optional binary sha256 (STRING);"})
  void aMistypedColumnIsNamed(String swap) throws IOException {
    String[] p = swap.split("\\|");
    String schema = SCHEMA.replace(p[1], p[0]);
    assertTrue(!schema.equals(SCHEMA), "the swap applies");
    MessageType s = TestParquet.schema(schema);
    Path file = dir.resolve("mistyped.parquet");
    TestParquet.write(file, s, List.of());
    String column = p[0].replaceAll(".*? ([a-z0-9_]+)( \\(.*)?[;{].*", "$1").strip();
    UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
        () -> DataCompMetadataReader.open(file));
    assertTrue(e.getMessage().contains("column '" + column + "'") && e.getMessage().contains(file.toString()),
        column + ": " + e.getMessage());
  }

  @Test
  void aBoxWithoutFourCoordinatesOrANullUidIsCorrupt() throws IOException {
    MessageType schema = TestParquet.schema(SCHEMA);
    SimpleGroupFactory f = new SimpleGroupFactory(schema);
    JsonNode r = fixtureRows().get(0);
    Group three = row(f, r);
    Group coords = three.getGroup("face_bboxes", 0).addGroup("list").addGroup("element");
    for (float v : new float[] {0.1f, 0.2f, 0.3f}) {
      coords.addGroup("list").append("element", v);
    }
    Path file = dir.resolve("three.parquet");
    TestParquet.write(file, schema, List.of(row(f, r), three, row(f, fixtureRows().get(1))));
    try (DataCompMetadataReader reader = DataCompMetadataReader.open(file)) {
      assertTrue(reader.next().isPresent());
      DataCompRowException e = assertThrows(DataCompRowException.class, reader::next);
      assertTrue(e.getMessage().contains("row 1, column 'face_bboxes'"), e.getMessage());
      assertEquals(1, e.row());
      // the bad row alone: the next call reads the row after it
      assertEquals(fixtureRows().get(1).get("uid").asText(), reader.next().orElseThrow().uid());
      assertTrue(reader.next().isEmpty());
    }
    Group noUid = f.newGroup().append("url", "u");
    Path file2 = dir.resolve("nouid.parquet");
    TestParquet.write(file2, schema, List.of(noUid));
    try (DataCompMetadataReader reader = DataCompMetadataReader.open(file2)) {
      CorruptInputException e = assertThrows(CorruptInputException.class, reader::next);
      assertTrue(e.getMessage().contains("row 0, column 'uid': null"), e.getMessage());
    }
  }

  /** The per-sample img2dataset sidecars of the same five samples agree with the pool rows. */
  @Test
  void theImg2datasetSidecarsMatchThePoolRows() throws IOException {
    Map<String, DataCompRow> byUid = new java.util.HashMap<>();
    for (DataCompRow r : readAll(writePool(SCHEMA))) {
      byUid.put(r.uid(), r);
    }
    Path folder = Fixtures.root().resolve("fixtures/images/datacomp_sample");
    for (int i = 0; i < 5; i++) {
      String key = String.format("%012d", i);
      Path jsonFile = folder.resolve(key + ".json");
      SortedMap<String, String> m = Img2DatasetJson.parse(Files.readAllBytes(jsonFile), jsonFile.toString());
      DataCompRow row = byUid.get(m.get("uid"));
      assertEquals(key, m.get("key"));
      assertEquals("success", m.get("status"));
      assertEquals(row.url(), m.get("url"));
      assertEquals(row.text(), m.get("caption"));
      assertEquals(row.text(), Files.readString(folder.resolve(key + ".txt")));
      assertEquals(row.sha256(), m.get("sha256"));
      assertEquals(Long.toString(row.originalWidth()), m.get("original_width"));
      assertEquals(Long.toString(row.originalHeight()), m.get("original_height"));
      JsonNode boxes = new ObjectMapper().readTree(m.get("face_bboxes"));
      assertEquals(row.faceBboxes().size(), boxes.size());
      for (int b = 0; b < boxes.size(); b++) {
        for (int k = 0; k < 4; k++) {
          // exact: the sidecar prints the stored float32 as a double; the 10-decimal pool JSON rounds to that float32
          assertEquals(boxes.get(b).get(k).asDouble(), row.faceBboxes().get(b).toArray()[k], 0.0);
        }
      }
      // img2dataset resizes to at most 512 on the longer side (keep_ratio_largest, only if bigger)
      long w = Long.parseLong(m.get("width"));
      long h = Long.parseLong(m.get("height"));
      assertTrue(Math.max(w, h) <= 512 && w <= row.originalWidth() && h <= row.originalHeight(), m.toString());
    }
  }
}
