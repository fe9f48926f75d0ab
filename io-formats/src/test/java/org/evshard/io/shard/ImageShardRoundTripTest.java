package org.evshard.io.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.evshard.io.error.ShardException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Image shards: write then read back (both formats), and Parquet read by DuckDB, an independent reader. */
class ImageShardRoundTripTest {

  @TempDir
  Path dir;

  /** Rows covering every nullable column both ways, empty and non-empty attributes, tensors and none. */
  static List<ImageRow> rows(int n, long seed) {
    Random r = new Random(seed);
    List<ImageRow> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] image = new byte[1 + r.nextInt(3000)];
      r.nextBytes(image);
      boolean labelled = i % 3 != 0;
      Map<String, String> attrs = i % 4 == 0 ? Map.of()
          : Map.of("cifar10_class", "cat-" + i, "note", "ü" + r.nextInt(10));
      byte[] tensor = null;
      int[] shape = null;
      if (i % 2 == 0) {
        int h = 1 + r.nextInt(8);
        int w = 1 + r.nextInt(8);
        tensor = new byte[h * w * 3];
        r.nextBytes(tensor);
        shape = new int[] {h, w, 3};
      }
      rows.add(new ImageRow("cifake/train/REAL/" + i, "cifake", i % 5 == 0 ? "test" : "train",
          labelled ? i % 2 : null, labelled ? (i % 2 == 0 ? "FAKE" : "REAL") : null, "train/REAL/" + i + ".jpg",
          i % 2 == 1 ? "a photo of item " + i + " – ok" : null, 32 + i, 32, 400 + i, 300,
          String.format("%064x", i), i % 7 == 0 ? "png" : "jpg", image, attrs, tensor, shape));
    }
    return rows;
  }

  private static ShardWriteOptions options() {
    return ShardWriteOptions.defaults("test-1.0").withParquetRowGroupBytes(64 << 10).withArrowBatch(7, 1 << 20);
  }

  private List<ImageRow> roundTrip(ShardFormat format, List<ImageRow> rows) {
    Path file = dir.resolve("images" + format.extension());
    try (ImageShardWriter w = ImageShardWriter.open(file, options())) {
      rows.forEach(w::write);
      assertEquals(rows.size(), w.rowCount());
    }
    return ImageShardReader.readAll(file);
  }

  @ParameterizedTest
  @EnumSource(ShardFormat.class)
  void everyValueSurvivesTheRoundTrip(ShardFormat format) {
    List<ImageRow> rows = rows(61, 7);
    assertEquals(rows, roundTrip(format, rows));
  }

  @ParameterizedTest
  @EnumSource(ShardFormat.class)
  void anEmptyShardReadsAsNoRows(ShardFormat format) {
    assertEquals(List.of(), roundTrip(format, List.of()));
  }

  @ParameterizedTest
  @EnumSource(ShardFormat.class)
  void anEventShardIsRejectedByTheImageReader(ShardFormat format) {
    Path file = dir.resolve("events" + format.extension());
    ShardRoundTripTest.write(format, file, RandomRows.mixed(3, 2, 10), ShardWriteOptions.defaults("test-1.0"));
    ShardException e = assertThrows(ShardException.class, () -> ImageShardReader.readAll(file));
    assertTrue(e.getMessage().contains("expected evshard.layout 'image', found 'events'"), e.getMessage());
  }

  @Test
  void duckDbReadsEveryValueWithTheDeclaredTypes() throws Exception {
    List<ImageRow> rows = rows(40, 11);
    Path file = dir.resolve("images.parquet");
    try (ImageShardWriter w = ImageShardWriter.open(file, options())) {
      rows.forEach(w::write);
    }
    String from = " FROM read_parquet('" + file.toString().replace("'", "''") + "')";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      Map<String, String> types = new HashMap<>();
      List<String> order = new ArrayList<>();
      try (ResultSet rs = s.executeQuery("DESCRIBE SELECT *" + from)) {
        while (rs.next()) {
          types.put(rs.getString("column_name"), rs.getString("column_type"));
          order.add(rs.getString("column_name"));
        }
      }
      assertEquals(ImageShardSchema.COLUMNS, order);
      assertEquals("INTEGER", types.get("label"));
      assertEquals("BLOB", types.get("image"));
      assertEquals("MAP(VARCHAR, VARCHAR)", types.get("attributes"));
      assertEquals("INTEGER[]", types.get("tensor_shape"));
      try (ResultSet rs = s.executeQuery("SELECT sample_id, split, label, label_name, caption, width, original_width,"
          + " sha256, image_format, image, attributes['cifar10_class'], cardinality(attributes), tensor,"
          + " tensor_shape" + from)) {
        int i = 0;
        while (rs.next()) {
          ImageRow want = rows.get(i++);
          assertEquals(want.sampleId(), rs.getString(1));
          assertEquals(want.split(), rs.getString(2));
          assertEquals(want.label(), (Integer) rs.getObject(3));
          assertEquals(want.labelName(), rs.getString(4));
          assertEquals(want.caption(), rs.getString(5));
          assertEquals(want.width(), rs.getInt(6));
          assertEquals(want.originalWidth(), rs.getInt(7));
          assertEquals(want.sha256(), rs.getString(8));
          assertEquals(want.imageFormat(), rs.getString(9));
          assertTrue(java.util.Arrays.equals(want.image(), rs.getBytes(10)), want.sampleId());
          assertEquals(want.attributes().get("cifar10_class"), rs.getString(11));
          assertEquals(want.attributes().size(), rs.getInt(12));
          assertTrue(java.util.Arrays.equals(want.tensor(), rs.getBytes(13)), want.sampleId());
          Object shape = rs.getObject(14);
          if (want.tensorShape() == null) {
            assertEquals(null, shape);
          } else {
            Object[] dims = (Object[]) ((java.sql.Array) shape).getArray();
            assertEquals(want.tensorShape().length, dims.length);
            for (int d = 0; d < dims.length; d++) {
              assertEquals(want.tensorShape()[d], ((Number) dims[d]).intValue());
            }
          }
        }
        assertEquals(rows.size(), i);
      }
      try (ResultSet rs = s.executeQuery("SELECT value FROM parquet_kv_metadata('" + file + "') WHERE key::VARCHAR"
          + " = 'evshard.layout'")) {
        assertTrue(rs.next());
        assertEquals("image", new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8));
      }
      // only evshard's keys (parquet-mr's example writer added writer.model.name = example)
      try (ResultSet rs = s.executeQuery("SELECT key::VARCHAR FROM parquet_kv_metadata('" + file + "') ORDER BY 1")) {
        List<String> keys = new java.util.ArrayList<>();
        while (rs.next()) {
          keys.add(rs.getString(1));
        }
        assertEquals(ImageShardSchema.metadata("x").keySet().stream().sorted().toList(), keys);
      }
    }
  }
}
