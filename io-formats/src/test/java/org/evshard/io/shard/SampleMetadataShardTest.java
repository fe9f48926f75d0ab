package org.evshard.io.shard;

import static org.evshard.io.shard.ShardRoundTrips.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.evshard.io.error.ShardException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows carrying their sample's metadata ({@link ShardLayout#sampleMetadata()}, the {@code metadata} JSON column):
 * both formats, both payload layouts, with a static partner too; read back by evshard, by DuckDB and by plain Arrow.
 */
class SampleMetadataShardTest {

  @TempDir
  Path dir;

  /** DailyDVS-200-like attributes: keys with spaces, slashes and dots, values with quotes and non-ASCII text. */
  static String json(int i) {
    return "{\"Indoor/Outdoor\":\"" + (i % 2 == 0 ? "Indoor" : "Outdoor") + "\",\"Range of Motion\":\"Limbs\","
        + "\"Scene\":\"" + (i % 5) + "\",\"name.person\":\"P" + i + "\",\"note\":\"say \\\"hi\\\" – ü\"}";
  }

  private static List<SampleRow> withMetadata(List<SampleRow> rows) {
    List<SampleRow> out = new ArrayList<>();
    for (SampleRow r : rows) {
      out.add(r.withMetadata(json(out.size())));
    }
    return out;
  }

  @Test
  void metadataRoundTripsInBothFormatsAndBothLayoutsAndBesideAPartner() {
    ShardLayout events = ShardLayout.events().withSampleMetadata(true);
    ShardLayout tensor = ShardLayout.tensor(ShardTensor.Dtype.FLOAT32, null).withSampleMetadata(true);
    for (ShardFormat f : ShardFormat.values()) {
      List<SampleRow> rows = withMetadata(RandomRows.mixed(13, 30, 300));
      assertEquals(rows, roundTrip(f, dir.resolve("events" + f.extension()), rows, events), f + " events");
      assertEquals(events, ShardSchema.layoutOf(f.readMetadata(dir.resolve("events" + f.extension())), "events"));
      List<SampleRow> t = withMetadata(TensorShardTest.rows(ShardTensor.Dtype.FLOAT32, null, 12));
      assertEquals(t, roundTrip(f, dir.resolve("tensor" + f.extension()), t, tensor), f + " tensor");
      List<SampleRow> paired = new ArrayList<>();
      for (SampleRow r : rows) {
        paired.add(r.withPartner(new StaticImage("img/a.jpg", "a", 2, 1, 1, new byte[] {1, 2})));
      }
      assertEquals(paired, roundTrip(f, dir.resolve("paired" + f.extension()), paired,
          events.withStaticPartner(true)), f + " paired");
    }
  }

  /** A row with metadata in a shard without the column would lose it: refused, as a stray static image is. */
  @Test
  void aRowWithMetadataIsRefusedByAShardWithoutTheColumn() {
    SampleRow row = withMetadata(RandomRows.mixed(17, 1, 10)).get(0);
    for (ShardFormat f : ShardFormat.values()) {
      try (ShardWriter w = f.newWriter(dir.resolve("no-column" + f.extension()),
          ShardRoundTrips.options(ShardLayout.events()))) {
        ShardException e = org.junit.jupiter.api.Assertions.assertThrows(ShardException.class, () -> w.write(row));
        assertTrue(e.getMessage().contains("the shard has no metadata column, the row has metadata"),
            e.getMessage());
      }
    }
  }

  /** Without the flag there is no column, and rows read back without metadata, as before. */
  @Test
  void shardsWithoutTheFlagHaveNoMetadataColumn() {
    for (ShardFormat f : ShardFormat.values()) {
      List<SampleRow> rows = RandomRows.mixed(14, 5, 50);
      List<SampleRow> back = roundTrip(f, dir.resolve("plain" + f.extension()), rows, ShardLayout.events());
      assertEquals(rows, back);
      back.forEach(r -> assertNull(r.metadata()));
      assertTrue(!f.readMetadata(dir.resolve("plain" + f.extension())).containsKey(ShardSchema.KEY_SAMPLE_METADATA));
    }
  }

  @Test
  void duckDbReadsTheMetadataAsJson() throws Exception {
    List<SampleRow> rows = withMetadata(RandomRows.mixed(15, 20, 100));
    Path file = dir.resolve("duck.parquet");
    roundTrip(ShardFormat.PARQUET, file, rows, ShardLayout.events().withSampleMetadata(true));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sample_id, metadata::JSON->>'Indoor/Outdoor', "
            + "metadata::JSON->>'name.person', metadata::JSON->>'note', len(x) FROM read_parquet('" + file
            + "') ORDER BY sample_id")) {
      List<SampleRow> sorted = new ArrayList<>(rows);
      sorted.sort(java.util.Comparator.comparing(SampleRow::sampleId));
      for (SampleRow want : sorted) {
        assertTrue(rs.next());
        int i = rows.indexOf(want);
        assertEquals(want.sampleId(), rs.getString(1));
        assertEquals(i % 2 == 0 ? "Indoor" : "Outdoor", rs.getString(2));
        assertEquals("P" + i, rs.getString(3));
        assertEquals("say \"hi\" – ü", rs.getString(4));
        assertEquals(want.nEvents(), rs.getLong(5));
      }
    }
  }

  @Test
  void plainArrowJavaSeesTheColumnAndTheFlag() throws Exception {
    Path file = dir.resolve("plain.arrow");
    List<SampleRow> rows = withMetadata(RandomRows.mixed(16, 9, 40));
    roundTrip(ShardFormat.ARROW, file, rows, ShardLayout.events().withSampleMetadata(true));
    int seen = 0;
    try (BufferAllocator a = new RootAllocator(1 << 26);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ArrowFileReader r = new ArrowFileReader(ch, a)) {
      assertEquals("true", r.getVectorSchemaRoot().getSchema().getCustomMetadata()
          .get(ShardSchema.KEY_SAMPLE_METADATA));
      while (r.loadNextBatch()) {
        org.apache.arrow.vector.VarCharVector v =
            (org.apache.arrow.vector.VarCharVector) r.getVectorSchemaRoot().getVector(ShardSchema.METADATA);
        for (int i = 0; i < v.getValueCount(); i++) {
          assertEquals(json(seen++), v.getObject(i).toString());
        }
      }
    }
    assertEquals(rows.size(), seen);
  }
}
