package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.evshard.io.Fixtures;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventWriter;
import org.evshard.io.shard.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert --dataset folder} on generated folder corpora: formats a shared extension leaves to the header, and
 * the geometry of recordings whose file states none ({@code --sensor}, else the extent of the events).
 */
class ConvertEventFolderTest {

  @TempDir
  Path tmp;

  @Test
  void evt2AndEvt3RawFilesInOneCorpusAreEachReadWithTheEncodingTheirHeaderDeclares() throws Exception {
    Path input = tmp.resolve("corpus");
    Files.createDirectories(input.resolve("gen3"));
    Files.createDirectories(input.resolve("gen4"));
    Files.copy(Fixtures.file("fixtures/events/evt2/evt2_sample.raw"), input.resolve("gen3/evt2_sample.raw"));
    Files.copy(Fixtures.file("fixtures/events/evt3_small/evt3_sample.raw"), input.resolve("gen4/evt3_sample.raw"));

    // --format auto (ConvertSettings.format null): the dataset's choice, here detection from each file's header
    Path output = tmp.resolve("out");
    ConvertResult r = ConvertJob.run(ConvertSettings.of("folder", input, output));
    assertEquals(2, r.discovered());
    assertEquals(0, r.rejected(), Files.readString(output.resolve(Manifest.ERRORS_FILE)));
    assertEquals(2, r.written());
    Map<String, ShardContents.Row> rows = ShardContents.readParquetBySampleId(output);
    ShardContents.Row evt2 = rows.get("folder/gen3/evt2_sample");
    ShardContents.Row evt3 = rows.get("folder/gen4/evt3_sample");
    // the counts of fixtures/events/index.json
    assertEquals(539_481, evt2.nEvents());
    assertEquals(539_481, evt2.events().size());
    assertEquals(0, evt2.label());
    assertEquals(5_000, evt3.nEvents());
    assertEquals(5_000, evt3.events().size());
    assertEquals(1, evt3.label());
    assertNull(Manifest.read(r.manifest()).parameters().get("format"), "no format forced");
  }

  /**
   * Three ATIS .bin recordings (no geometry in the file; events up to x 19, 33 and 70) and an EVT 3.0 .raw that
   * states 100x80.
   */
  private static Path geometryCorpus(Path input) throws Exception {
    TestCorpora.writeBin(input.resolve("cars/small.bin"), events(new int[] {3, 19, 7}, new int[] {2, 5, 9}));
    TestCorpora.writeBin(input.resolve("cars/wide.bin"), events(new int[] {33, 0}, new int[] {1, 30}));
    TestCorpora.writeBin(input.resolve("walk/outside.bin"), events(new int[] {70, 1}, new int[] {4, 4}));
    Path raw = input.resolve("walk/stated.raw");
    try (OutputStream out = Files.newOutputStream(raw);
        EventWriter w = EventFormats.defaults().byName("evt3").openWriter(out, new SensorGeometry(100, 80))
            .orElseThrow()) {
      w.write(events(new int[] {5, 6}, new int[] {7, 8}));
    }
    return input;
  }

  private static Events events(int[] x, int[] y) {
    short[] xs = new short[x.length];
    short[] ys = new short[y.length];
    long[] t = new long[x.length];
    boolean[] p = new boolean[x.length];
    for (int i = 0; i < x.length; i++) {
      xs[i] = (short) x[i];
      ys[i] = (short) y[i];
      t[i] = 100L * (i + 1);
      p[i] = i % 2 == 0;
    }
    return Events.wrap(xs, ys, t, p);
  }

  @Test
  void withoutSensorARecordingThatStatesNoGeometryGetsTheExtentOfItsEvents() throws Exception {
    Path input = geometryCorpus(tmp.resolve("corpus"));
    Path output = tmp.resolve("out");
    ConvertResult r = ConvertJob.run(ConvertSettings.of("folder", input, output));
    assertEquals(4, r.written());
    Map<String, ShardContents.Row> rows = ShardContents.readParquetBySampleId(output);
    assertEquals(List.of(20, 10), size(rows.get("folder/cars/small")));
    assertEquals(List.of(34, 31), size(rows.get("folder/cars/wide")));
    assertEquals(List.of(71, 5), size(rows.get("folder/walk/outside")));
    assertEquals(List.of(100, 80), size(rows.get("folder/walk/stated")));
    assertNull(Manifest.read(r.manifest()).parameters().get("sensor"));
  }

  @Test
  void sensorSizesEveryRecordingThatStatesNoGeometryAndRejectsEventsOutsideIt() throws Exception {
    Path input = geometryCorpus(tmp.resolve("corpus"));
    Path output = tmp.resolve("out");
    ConvertResult r = ConvertJob.run(ConvertSettings.of("folder", input, output)
        .withSensor(new SensorGeometry(64, 48)));
    assertEquals(4, r.discovered());
    assertEquals(3, r.written());
    assertEquals(1, r.rejected());
    Map<String, ShardContents.Row> rows = ShardContents.readParquetBySampleId(output);
    assertEquals(List.of(64, 48), size(rows.get("folder/cars/small")));
    assertEquals(List.of(64, 48), size(rows.get("folder/cars/wide")));
    // the geometry the file states wins, as for evshard decode --sensor
    assertEquals(List.of(100, 80), size(rows.get("folder/walk/stated")));
    List<String> errors = Files.readAllLines(output.resolve(Manifest.ERRORS_FILE));
    assertEquals(1, errors.size());
    assertTrue(errors.get(0).contains("folder/walk/outside") && errors.get(0).contains("64x48"), errors.get(0));
    assertEquals("64x48", Manifest.read(r.manifest()).parameters().get("sensor"));
  }

  /**
   * With {@code --sensor}, a folder whose files never state a geometry (ATIS .bin here) has one sensor, so a
   * representation of fixed shape is written as a fixed-shape tensor column; one file that states its own geometry
   * (the EVT 3.0 .raw of 100x80) makes the shapes differ, and the column stays a list with a shape per row.
   */
  @Test
  void sensorGivesAFolderOfHeaderlessFilesAFixedTensorShape() throws Exception {
    Path binOnly = tmp.resolve("bin-only");
    TestCorpora.writeBin(binOnly.resolve("cars/small.bin"), events(new int[] {3, 19, 7}, new int[] {2, 5, 9}));
    TestCorpora.writeBin(binOnly.resolve("walk/wide.bin"), events(new int[] {33, 0}, new int[] {1, 30}));
    Path fixed = tmp.resolve("fixed");
    ConvertResult r = ConvertJob.run(ConvertSettings.of("folder", binOnly, fixed)
        .withSensor(new SensorGeometry(64, 48)).withTransforms(List.of("frame(n_time_bins=2)")));
    assertEquals(2, r.written());
    assertEquals("[2,2,48,64]", tensorShapeMetadata(fixed));
    ConvertResult none = ConvertJob.run(ConvertSettings.of("folder", binOnly, tmp.resolve("no-sensor"))
        .withTransforms(List.of("frame(n_time_bins=2)")));
    assertEquals(2, none.written());
    assertNull(tensorShapeMetadata(tmp.resolve("no-sensor")), "without --sensor each file has its own extent");

    Path mixed = geometryCorpus(tmp.resolve("mixed"));
    Path varying = tmp.resolve("varying");
    ConvertResult m = ConvertJob.run(ConvertSettings.of("folder", mixed, varying)
        .withSensor(new SensorGeometry(64, 48)).withTransforms(List.of("frame(n_time_bins=2)")));
    assertEquals(3, m.written()); // walk/outside has events beyond 64x48, as in the test above
    assertNull(tensorShapeMetadata(varying));
  }

  /** The {@code evshard.tensor_shape} file metadata of the output's Parquet shards (all equal), or null. */
  private static String tensorShapeMetadata(Path output) throws Exception {
    java.util.Set<String> values = new java.util.HashSet<>();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT value::VARCHAR FROM parquet_kv_metadata('" + output
            + "/*/*.parquet') WHERE key::VARCHAR = 'evshard.tensor_shape'")) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      assertTrue(values.size() <= 1, values.toString());
    }
    return values.isEmpty() ? null : values.iterator().next();
  }

  private static List<Integer> size(ShardContents.Row row) {
    return List.of(row.width(), row.height());
  }
}
