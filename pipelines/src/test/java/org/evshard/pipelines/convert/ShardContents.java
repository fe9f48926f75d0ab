package org.evshard.pipelines.convert;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.evshard.io.events.Events;

/** Reads Parquet shards back with DuckDB, an independent reader, keyed by the {@code source} column. */
final class ShardContents {

  /** One row as DuckDB sees it. */
  record Row(String sampleId, String dataset, String split, int label, String labelName, int width, int height,
      long nEvents, Events events, String source) {}

  private ShardContents() {}

  static Map<String, Row> readParquet(Path output) throws SQLException {
    return readParquet(output, 6);
  }

  /** Rows keyed by {@code sample_id}, for datasets whose samples share a source (DVS Gesture time windows). */
  static Map<String, Row> readParquetBySampleId(Path output) throws SQLException {
    return readParquet(output, 1);
  }

  private static Map<String, Row> readParquet(Path output, int keyColumn) throws SQLException {
    Map<String, Row> rows = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sample_id, dataset, split, label, label_name, source, sensor_width, "
            + "sensor_height, n_events, x, y, t, p FROM read_parquet('" + output + "/*/*.parquet')")) {
      while (rs.next()) {
        Row row = new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
            rs.getInt(7), rs.getInt(8), rs.getLong(9), events(rs.getArray(10), rs.getArray(11), rs.getArray(12),
                rs.getArray(13)), rs.getString(6));
        if (rows.put(rs.getString(keyColumn), row) != null) {
          throw new AssertionError("key " + rs.getString(keyColumn) + " appears in two rows");
        }
      }
    }
    return rows;
  }

  private static Events events(Array xa, Array ya, Array ta, Array pa) throws SQLException {
    Object[] xs = (Object[]) xa.getArray();
    Object[] ys = (Object[]) ya.getArray();
    Object[] ts = (Object[]) ta.getArray();
    Object[] ps = (Object[]) pa.getArray();
    int n = xs.length;
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = ((Number) xs[i]).shortValue();
      y[i] = ((Number) ys[i]).shortValue();
      t[i] = ((Number) ts[i]).longValue();
      p[i] = (Boolean) ps[i];
    }
    return Events.wrap(x, y, t, p);
  }
}
