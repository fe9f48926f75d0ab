package org.evshard.io.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads a Parquet shard with DuckDB, an independent reader, and compares every value. */
class ParquetDuckDbTest {

  @TempDir
  Path dir;

  @Test
  void duckDbReadsEveryValueWithTheDeclaredTypes() throws Exception {
    List<SampleRow> rows = RandomRows.mixed(21, 40, 2_000);
    Path file = dir.resolve("shard.parquet");
    ShardRoundTripTest.write(ShardFormat.PARQUET, file, rows, ShardRoundTripTest.smallChunks());
    String from = " FROM read_parquet('" + file.toString().replace("'", "''") + "')";

    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      Map<String, String> types = new HashMap<>();
      try (ResultSet rs = s.executeQuery("DESCRIBE SELECT *" + from)) {
        while (rs.next()) {
          types.put(rs.getString("column_name"), rs.getString("column_type"));
        }
      }
      assertEquals(Map.ofEntries(Map.entry("sample_id", "VARCHAR"), Map.entry("dataset", "VARCHAR"),
          Map.entry("split", "VARCHAR"), Map.entry("label", "INTEGER"), Map.entry("label_name", "VARCHAR"),
          Map.entry("source", "VARCHAR"), Map.entry("sensor_width", "INTEGER"),
          Map.entry("sensor_height", "INTEGER"), Map.entry("n_events", "BIGINT"), Map.entry("slice_index", "INTEGER"),
          Map.entry("x", "SMALLINT[]"),
          Map.entry("y", "SMALLINT[]"), Map.entry("t", "BIGINT[]"), Map.entry("p", "BOOLEAN[]")), types);

      try (ResultSet rs = s.executeQuery("SELECT key::VARCHAR AS k, value::VARCHAR AS v FROM parquet_kv_metadata('"
          + file + "')")) {
        Map<String, String> meta = new HashMap<>();
        while (rs.next()) {
          meta.put(rs.getString("k"), rs.getString("v"));
        }
        assertEquals(ShardSchema.SCHEMA_VERSION, meta.get(ShardSchema.KEY_SCHEMA_VERSION));
        assertEquals("test-1.0", meta.get(ShardSchema.KEY_TOOL_VERSION));
      }

      assertEveryValue(s, from, rows);
      try (ResultSet rs = s.executeQuery("SELECT count(*) FILTER (WHERE n_events = 0), sum(len(t))" + from)) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong(1));
        assertEquals(rows.stream().mapToLong(SampleRow::nEvents).sum(), rs.getLong(2));
      }
    }
  }

  /** Every row and every event as DuckDB reads them, in file order. */
  static void assertEveryValue(Statement s, String from, List<SampleRow> rows) throws Exception {
    int i = 0;
    try (ResultSet rs = s.executeQuery("SELECT *" + from)) {
      while (rs.next()) {
        SampleRow expected = rows.get(i++);
        assertEquals(expected.sampleId(), rs.getString("sample_id"));
        assertEquals(expected.dataset(), rs.getString("dataset"));
        assertEquals(expected.split(), rs.getString("split"));
        assertEquals(expected.label(), rs.getInt("label"));
        assertEquals(expected.labelName(), rs.getString("label_name"));
        assertEquals(expected.source(), rs.getString("source"));
        assertEquals(expected.sensorWidth(), rs.getInt("sensor_width"));
        assertEquals(expected.sensorHeight(), rs.getInt("sensor_height"));
        assertEquals(expected.nEvents(), rs.getLong("n_events"));
        assertArrayEquals(expected.events().x(), shorts(rs.getArray("x")), expected.sampleId());
        assertArrayEquals(expected.events().y(), shorts(rs.getArray("y")), expected.sampleId());
        assertArrayEquals(expected.events().t(), longs(rs.getArray("t")), expected.sampleId());
        assertArrayEquals(expected.events().p(), booleans(rs.getArray("p")), expected.sampleId());
      }
    }
    assertEquals(rows.size(), i);
  }

  /**
   * Event lists larger than one page: several v2 pages per column chunk, block-boundary lengths (1, 127, 128, 129),
   * an empty list, and timestamp jumps that need 64-bit deltas, all read back by DuckDB.
   */
  @Test
  void multiPageEventListsReadBackExactly() throws Exception {
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    List<SampleRow> rows = new java.util.ArrayList<>();
    int[] sizes = {1, 127, 128, 129, 0, 300_000, 250_000, 3, 400_000};
    for (int i = 0; i < sizes.length; i++) {
      rows.add(RandomRows.row(rnd, i, sizes[i]));
    }
    rows.get(6).events().t()[10] = Long.MAX_VALUE - 5;
    rows.get(6).events().t()[11] = Long.MIN_VALUE + 5;
    Path file = dir.resolve("pages.parquet");
    ShardRoundTripTest.write(ShardFormat.PARQUET, file, rows, ShardWriteOptions.defaults("test-1.0"));
    int pages = 0;
    try (org.apache.parquet.hadoop.ParquetFileReader r = org.apache.parquet.hadoop.ParquetFileReader.open(
        new org.apache.parquet.io.LocalInputFile(file))) {
      org.apache.parquet.column.ColumnDescriptor t = r.getFileMetaData().getSchema().getColumns().get(11);
      org.apache.parquet.column.page.PageReadStore group;
      while ((group = r.readNextRowGroup()) != null) {
        org.apache.parquet.column.page.PageReader pr = group.getPageReader(t);
        while (pr.readPage() != null) {
          pages++;
        }
      }
    }
    assertTrue(pages > 1, "expected several pages of t, found " + pages);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      assertEveryValue(s, " FROM read_parquet('" + file + "')", rows);
    }
    assertEquals(rows, ShardRoundTripTest.readAll(ShardFormat.PARQUET, file));
  }

  /** The queries of docs/SHARDS.md, on a directory of shards. */
  @Test
  void documentedQueriesRun() throws Exception {
    List<SampleRow> rows = RandomRows.mixed(23, 30, 300);
    java.nio.file.Files.createDirectories(dir.resolve("out/train"));
    Path file = dir.resolve("out/train/part-00000.parquet");
    ShardRoundTripTest.write(ShardFormat.PARQUET, file, rows, ShardWriteOptions.defaults("doc"));
    String glob = dir.resolve("out") + "/**/*.parquet";
    Map<String, Long> expectedEvents = new HashMap<>();
    Map<String, Long> expectedSamples = new HashMap<>();
    for (SampleRow r : rows) {
      expectedEvents.merge(r.split() + "/" + r.labelName(), r.nEvents(), Long::sum);
      expectedSamples.merge(r.split() + "/" + r.labelName(), 1L, Long::sum);
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      Map<String, Long> events = new HashMap<>();
      Map<String, Long> samples = new HashMap<>();
      try (ResultSet rs = s.executeQuery("SELECT split, label_name, count(*) AS samples, sum(n_events) AS events "
          + "FROM read_parquet('" + glob + "') GROUP BY ALL ORDER BY ALL")) {
        while (rs.next()) {
          String key = rs.getString("split") + "/" + rs.getString("label_name");
          samples.put(key, rs.getLong("samples"));
          events.put(key, rs.getLong("events"));
        }
      }
      assertEquals(expectedSamples, samples);
      assertEquals(expectedEvents, events);

      SampleRow one = rows.stream().filter(r -> r.nEvents() > 1).findFirst().orElseThrow();
      int n = 0;
      try (ResultSet rs = s.executeQuery("SELECT unnest(x) AS x, unnest(y) AS y, unnest(t) AS t, unnest(p) AS p "
          + "FROM read_parquet('" + glob + "') WHERE sample_id = '" + one.sampleId() + "'")) {
        while (rs.next()) {
          assertEquals(one.events().x()[n], rs.getShort("x"));
          assertEquals(one.events().y()[n], rs.getShort("y"));
          assertEquals(one.events().t()[n], rs.getLong("t"));
          assertEquals(one.events().p()[n], rs.getBoolean("p"));
          n++;
        }
      }
      assertEquals(one.nEvents(), n);
    }
  }

  private static short[] shorts(Array a) throws Exception {
    Object[] v = (Object[]) a.getArray();
    short[] out = new short[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (Short) v[i];
    }
    return out;
  }

  private static long[] longs(Array a) throws Exception {
    Object[] v = (Object[]) a.getArray();
    long[] out = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (Long) v[i];
    }
    return out;
  }

  private static boolean[] booleans(Array a) throws Exception {
    Object[] v = (Object[]) a.getArray();
    boolean[] out = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (Boolean) v[i];
    }
    return out;
  }
}
