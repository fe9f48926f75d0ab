package org.evshard.io.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.evshard.io.shard.ShardRoundTrips.options;
import static org.evshard.io.shard.ShardRoundTrips.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.util.ValueVectorUtility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows paired with a static image ({@link ShardLayout#staticPartner()}): both formats, both payload layouts. */
class StaticPartnerShardTest {

  @TempDir
  Path dir;

  private static StaticImage image(SplittableRandom rnd, int i) {
    int w = 3 + rnd.nextInt(6);
    int h = 2 + rnd.nextInt(6);
    int c = i % 2 == 0 ? 3 : 1;
    byte[] px = new byte[w * h * c];
    rnd.nextBytes(px);
    return new StaticImage("101_ObjectCategories/c" + (i % 3) + "/image_" + i + ".jpg", "c" + (i % 3), w, h, c, px);
  }

  private static List<SampleRow> eventRows(int count) {
    SplittableRandom rnd = new SplittableRandom(3);
    List<SampleRow> out = new ArrayList<>();
    for (SampleRow r : RandomRows.mixed(11, count, 300)) {
      out.add(r.withPartner(image(rnd, out.size())));
    }
    return out;
  }

  private static List<SampleRow> tensorRows(int count) {
    SplittableRandom rnd = new SplittableRandom(5);
    List<SampleRow> out = new ArrayList<>();
    for (SampleRow r : TensorShardTest.rows(ShardTensor.Dtype.INT16, new long[] {2, 2, 5, 3}, count)) {
      out.add(r.withPartner(image(rnd, out.size())));
    }
    return out;
  }

  @Test
  void pairedRowsRoundTripInBothFormatsAndBothLayouts() {
    ShardLayout events = ShardLayout.events().withStaticPartner(true);
    ShardLayout tensor = ShardLayout.tensor(ShardTensor.Dtype.INT16, new long[] {2, 2, 5, 3}).withStaticPartner(true);
    for (ShardFormat f : ShardFormat.values()) {
      List<SampleRow> rows = eventRows(30);
      assertEquals(rows, roundTrip(f, dir.resolve("events" + f.extension()), rows, events), f + " events");
      List<SampleRow> t = tensorRows(20);
      assertEquals(t, roundTrip(f, dir.resolve("tensor" + f.extension()), t, tensor), f + " tensor");
      assertEquals(events, ShardSchema.layoutOf(f.readMetadata(dir.resolve("events" + f.extension())), "events"),
          f + " layout");
    }
  }

  @Test
  void aRowWithoutItsPartnerOrAnUnexpectedPartnerIsRefused() {
    List<SampleRow> paired = eventRows(1);
    SampleRow plain = paired.get(0).withPartner(null);
    for (ShardFormat f : ShardFormat.values()) {
      try (ShardWriter w = f.newWriter(dir.resolve("a" + f.extension()),
          options(ShardLayout.events().withStaticPartner(true)))) {
        assertThrows(RuntimeException.class, () -> w.write(plain), f.toString());
      }
      try (ShardWriter w = f.newWriter(dir.resolve("b" + f.extension()), options(ShardLayout.events()))) {
        assertThrows(RuntimeException.class, () -> w.write(paired.get(0)), f.toString());
      }
    }
  }

  @Test
  void duckDbReadsTheStaticColumns() throws Exception {
    List<SampleRow> rows = eventRows(25);
    Path file = dir.resolve("duck.parquet");
    roundTrip(ShardFormat.PARQUET, file, rows, ShardLayout.events().withStaticPartner(true));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sample_id, static_source, static_label_name, static_width, "
            + "static_height, static_channels, static_pixels, len(x) FROM read_parquet('" + file + "') ORDER BY "
            + "sample_id")) {
      List<SampleRow> sorted = new ArrayList<>(rows);
      sorted.sort(java.util.Comparator.comparing(SampleRow::sampleId));
      for (SampleRow want : sorted) {
        assertTrue(rs.next());
        StaticImage p = want.partner();
        assertEquals(want.sampleId(), rs.getString(1));
        assertEquals(p.source(), rs.getString(2));
        assertEquals(p.labelName(), rs.getString(3));
        assertEquals(p.width(), rs.getInt(4));
        assertEquals(p.height(), rs.getInt(5));
        assertEquals(p.channels(), rs.getInt(6));
        assertArrayEquals(p.pixels(), rs.getBytes(7));
        assertEquals(want.nEvents(), rs.getLong(8));
      }
    }
  }

  @Test
  void arrowFileValidatesWithPlainArrowJava() throws Exception {
    Path file = dir.resolve("plain.arrow");
    List<SampleRow> rows = eventRows(20);
    roundTrip(ShardFormat.ARROW, file, rows, ShardLayout.events().withStaticPartner(true));
    int seen = 0;
    try (BufferAllocator a = new RootAllocator(1 << 26);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ArrowFileReader r = new ArrowFileReader(ch, a)) {
      assertEquals("true", r.getVectorSchemaRoot().getSchema().getCustomMetadata()
          .get(ShardSchema.KEY_STATIC_PARTNER));
      while (r.loadNextBatch()) {
        VectorSchemaRoot root = r.getVectorSchemaRoot();
        ValueVectorUtility.validateFull(root.getVector(ShardSchema.STATIC_PIXELS));
        org.apache.arrow.vector.VarBinaryVector px =
            (org.apache.arrow.vector.VarBinaryVector) root.getVector(ShardSchema.STATIC_PIXELS);
        for (int i = 0; i < root.getRowCount(); i++) {
          assertArrayEquals(rows.get(seen++).partner().pixels(), px.get(i));
        }
      }
    }
    assertEquals(rows.size(), seen);
  }
}
