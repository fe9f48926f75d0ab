package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.evshard.io.aedat.Aedat4Compression;
import org.evshard.io.aedat.Aedat4Writer;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.shard.ManifestVerifier;
import org.evshard.io.shard.SampleRow;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DailyDVS-200 end to end: the file-name fields and the all_data.json attributes reach the shards as the
 * {@code metadata} column (they were discovered, recorded as used in the manifest, and dropped).
 */
class DailyDvs200ConvertTest {

  @TempDir
  Path tmp;

  private static final String A = "C0P3M0S1_20231111_09_11_23.aedat4";
  private static final String B = "C49P2M1S1_20231111_15_48_00.aedat4";

  private static void record(Path file, long seed) throws Exception {
    Files.createDirectories(file.getParent());
    SplittableRandom r = new SplittableRandom(seed);
    EventsBuilder b = new EventsBuilder();
    long t = 1_000;
    for (int i = 0; i < 3_000; i++) {
      t += r.nextInt(50);
      b.add((short) r.nextInt(320), (short) r.nextInt(240), t, r.nextBoolean());
    }
    try (Aedat4Writer w = Aedat4Writer.toFile(file, new SensorGeometry(320, 240), Aedat4Compression.LZ4, 1_000)) {
      w.write(b.build());
    }
  }

  @Test
  void fileNameFieldsAndAttributesAreTheMetadataColumnInBothFormats() throws Exception {
    Path input = tmp.resolve("dailydvs");
    record(input.resolve("event_raw/11_11/3/" + A), 1);
    record(input.resolve("event_raw/11_11/2/" + B), 2);
    Files.writeString(input.resolve("train.txt"), "11_11/3/" + A + " 0\n");
    Files.writeString(input.resolve("val.txt"), "11_11/2/" + B + " 49\n");
    Files.writeString(input.resolve("all_data.json"), "[{\"FileName\": \"" + A + "\", \"Scene\": \"1\", "
        + "\"Indoor/Outdoor\": \"Indoor\", \"Range of Motion\": \"Limbs\", \"FilePath\": \"x\"}]");
    for (ShardFormat format : ShardFormat.values()) {
      Path output = tmp.resolve("out-" + format);
      ConvertResult result = ConvertJob.run(ConvertSettings.of("dailydvs200", input, output)
          .withShardFormat(format).withShardsPerSplit(1)
          .withTransforms(List.of("slice_by_event_count(event_count=1000)")));
      assertEquals(2, result.written());
      assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
      List<SampleRow> rows = new ArrayList<>();
      try (java.util.stream.Stream<Path> files = Files.walk(output)) {
        for (Path shard : files.filter(p -> p.toString().endsWith(format.extension())).toList()) {
          try (ShardReader reader = format.openReader(shard)) {
            reader.forEachRemaining(rows::add);
          }
        }
      }
      assertEquals(6, rows.size(), "three slices of each recording");
      for (SampleRow row : rows) {
        String expected = row.source().endsWith(A)
            ? "{\"Indoor/Outdoor\":\"Indoor\",\"Range of Motion\":\"Limbs\",\"Scene\":\"1\",\"name.action\":\"0\","
                + "\"name.move\":\"0\",\"name.person\":\"3\",\"name.scene\":\"1\",\"name.time\":\"20231111_09_11_23\"}"
            : "{\"name.action\":\"49\",\"name.move\":\"1\",\"name.person\":\"2\",\"name.scene\":\"1\","
                + "\"name.time\":\"20231111_15_48_00\"}";
        assertEquals(expected, row.metadata(), format + " " + row.sampleId());
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet('" + tmp.resolve("out-PARQUET")
            + "/**/*.parquet') WHERE metadata::JSON->>'Scene' = '1' AND split = 'train'")) {
      assertTrue(rs.next());
      assertEquals(3, rs.getLong(1));
    }
  }
}
