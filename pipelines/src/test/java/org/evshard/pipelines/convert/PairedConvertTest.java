package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import org.evshard.datasets.pairing.StaticPairing;
import org.evshard.io.events.Events;
import org.evshard.io.image.ExactResize;
import org.evshard.io.image.ImageDecoder;
import org.evshard.io.shard.ManifestVerifier;
import org.evshard.io.shard.SampleRow;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** N-Caltech101 paired with Caltech101 (convert --pair-with): the Transfer-for-DVS recipe end to end. */
class PairedConvertTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] EVENT_CLASSES = {"airplanes", "Faces_easy", "yin_yang", "okapi"};

  @TempDir
  Path tmp;

  /** Caltech101 as published; no okapi images, every yin_yang JPEG truncated. */
  private Map<String, List<String>> caltech(Path root) throws Exception {
    SplittableRandom r = new SplittableRandom(4);
    Map<String, List<String>> byClass = new TreeMap<>();
    for (String cls : new String[] {"airplanes", "Faces_easy", "yin_yang", "BACKGROUND_Google"}) {
      for (int i = 1; i <= 6; i++) {
        String rel = cls + "/image_" + String.format("%04d", i) + ".jpg";
        Path file = root.resolve("101_ObjectCategories").resolve(rel);
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(40 + r.nextInt(30), 30 + r.nextInt(30), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < img.getHeight(); y++) {
          for (int x = 0; x < img.getWidth(); x++) {
            img.setRGB(x, y, r.nextInt(1 << 24));
          }
        }
        ImageIO.write(img, "jpg", file.toFile());
        if (cls.equals("yin_yang")) {
          byte[] b = Files.readAllBytes(file);
          Files.write(file, java.util.Arrays.copyOf(b, b.length / 2));
        }
        if (!cls.equals("BACKGROUND_Google")) {
          byClass.computeIfAbsent(cls, k -> new java.util.ArrayList<>()).add(rel);
        }
      }
    }
    return byClass;
  }

  private ConvertResult run(Path input, Path caltech, Path output, PairingSettings pairing, ShardFormat format)
      throws Exception {
    return ConvertJob.run(ConvertSettings.of("ncaltech101", input, output).withShardFormat(format)
        .withPairing(pairing));
  }

  private static Map<String, SampleRow> read(Path output, ShardFormat format) throws Exception {
    Map<String, SampleRow> rows = new TreeMap<>();
    try (var files = Files.walk(output)) {
      for (Path f : files.filter(p -> p.toString().endsWith(format.extension())).toList()) {
        try (ShardReader reader = format.openReader(f)) {
          reader.forEachRemaining(row -> rows.put(row.sampleId(), row));
        }
      }
    }
    return rows;
  }

  @Test
  void everySampleGetsOnePartnerOfItsClassTheSameSeedGivesTheSamePairsAndBadInputIsRejected() throws Exception {
    Path input = tmp.resolve("ncaltech");
    Map<String, Events> events = TestCorpora.ncaltech(input, EVENT_CLASSES, 8, 3);
    Path caltech = tmp.resolve("caltech");
    Map<String, List<String>> images = caltech(caltech);
    PairingSettings pairing = PairingSettings.of("image-folder", caltech).withFraction(0.5).withSeed(11)
        .withSize(24, 16);
    Path out = tmp.resolve("out");
    ConvertResult r = run(input, caltech, out, pairing, ShardFormat.PARQUET);
    assertEquals(32, r.discovered());
    Map<String, SampleRow> rows = read(out, ShardFormat.PARQUET);
    StaticPairing reference = StaticPairing.build(images, Map.of(), 0.5, 11);
    ImageDecoder decoder = ImageDecoder.withDefaults();
    int pairedWithCorrupt = 0;
    for (String source : events.keySet()) {
      String cls = source.split("/")[1];
      String sampleId = rows.values().stream().filter(x -> x.source().equals(source)).map(SampleRow::sampleId)
          .findFirst().orElse(null);
      if (cls.equals("okapi")) {
        assertEquals(null, sampleId, "no okapi image: rejected");
        continue;
      }
      if (sampleId == null) {
        pairedWithCorrupt++;
        continue;
      }
      SampleRow row = rows.get(sampleId);
      assertNotNull(row.partner(), sampleId);
      assertEquals(cls, row.partner().labelName());
      String want = reference.partner(sampleId, cls);
      assertEquals(want, row.partner().source().replaceFirst("^101_ObjectCategories/", ""), sampleId);
      assertTrue(reference.pool(cls).contains(want));
      byte[] bytes = Files.readAllBytes(caltech.resolve(row.partner().source()));
      assertArrayEquals(ExactResize.pixels(decoder, bytes, want, 24, 16, false), row.partner().pixels());
      assertEquals(events.get(source), row.events());
    }
    assertEquals(8 * 3 - pairedWithCorrupt, rows.size());
    assertEquals(8, pairedWithCorrupt, "every yin_yang partner is truncated");

    Map<String, JsonNode> errors = new HashMap<>();
    for (String line : Files.readAllLines(out.resolve("errors.jsonl"))) {
      JsonNode n = JSON.readTree(line);
      errors.put(n.get("source").asText(), n);
      assertEquals("pair", n.get("stage").asText(), n.toString());
    }
    assertEquals(8 + pairedWithCorrupt, errors.size());
    errors.forEach((src, n) -> assertTrue(src.contains("/okapi/")
        ? n.get("reason").asText().contains("no static image of class 'okapi'")
        : n.get("reason").asText().contains("static partner 101_ObjectCategories/yin_yang/image_"), n.toString()));
    JsonNode counts = JSON.readTree(out.resolve("manifest.json").toFile()).get("counts");
    assertEquals(32, counts.get("written").asLong() + counts.get("rejected").asLong());
    assertEquals(List.of(), ManifestVerifier.verify(out.resolve("manifest.json")));
    JsonNode params = JSON.readTree(out.resolve("manifest.json").toFile()).get("parameters").get("pairing");
    assertEquals("okapi", params.get("event_classes_without_static").get(0).asText());

    // the same seed again, in Arrow: the same pairs; the value channel: one channel, max(R, G, B) of the RGB
    Path again = tmp.resolve("again");
    run(input, caltech, again, pairing.withValueChannel(true), ShardFormat.ARROW);
    Map<String, SampleRow> rows2 = read(again, ShardFormat.ARROW);
    assertEquals(rows.keySet(), rows2.keySet());
    for (SampleRow a : rows.values()) {
      SampleRow b = rows2.get(a.sampleId());
      assertEquals(a.partner().source(), b.partner().source());
      assertEquals(1, b.partner().channels());
      byte[] rgb = a.partner().pixels();
      for (int i = 0; i < b.partner().pixels().length; i++) {
        int v = Math.max(rgb[3 * i] & 0xFF, Math.max(rgb[3 * i + 1] & 0xFF, rgb[3 * i + 2] & 0xFF));
        assertEquals(v, b.partner().pixels()[i] & 0xFF);
      }
    }
  }

  @Test
  void duckDbReadsTheStaticColumnsNextToTheEvents() throws Exception {
    Path input = tmp.resolve("ncaltech");
    TestCorpora.ncaltech(input, new String[] {"airplanes", "Faces_easy"}, 4, 5);
    Path caltech = tmp.resolve("caltech");
    caltech(caltech);
    Path out = tmp.resolve("out");
    run(input, caltech, out, PairingSettings.of("image-folder", caltech).withSize(8, 6), ShardFormat.PARQUET);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), min(static_width), max(static_height), "
            + "min(octet_length(static_pixels)), sum(CASE WHEN label_name = static_label_name THEN 1 ELSE 0 END) "
            + "FROM read_parquet('" + out + "/*/*.parquet')")) {
      assertTrue(rs.next());
      long n = rs.getLong(1);
      assertEquals(8, n);
      assertEquals(8, rs.getInt(2));
      assertEquals(6, rs.getInt(3));
      assertEquals(8 * 6 * 3, rs.getInt(4));
      assertEquals(n, rs.getLong(5));
    }
  }

  /**
   * --include-background with --pair-with Caltech101: every background sample was rejected as "no static image of
   * class 'BACKGROUND_Google'" although the static corpus holds them (its discovery left the class out).
   */
  @Test
  void backgroundSamplesArePairedWithTheBackgroundImagesWhenIncluded() throws Exception {
    Path input = tmp.resolve("ncaltech");
    TestCorpora.ncaltech(input, new String[] {"airplanes", "BACKGROUND_Google"}, 3, 5);
    Path caltech = tmp.resolve("caltech");
    caltech(caltech);
    Path out = tmp.resolve("out");
    ConvertResult r = ConvertJob.run(ConvertSettings.of("ncaltech101", input, out)
        .withDiscovery(org.evshard.datasets.DiscoveryOptions.defaults().withIncludeBackground(true))
        .withPairing(PairingSettings.of("image-folder", caltech).withSize(8, 6)));
    assertEquals(6, r.written(), "3 airplanes and 3 background samples, all paired");
    assertEquals(0, r.rejected());
    Map<String, SampleRow> rows = read(out, ShardFormat.PARQUET);
    assertTrue(rows.values().stream().filter(row -> row.labelName().equals("BACKGROUND_Google"))
        .allMatch(row -> row.partner() != null && row.partner().source().contains("BACKGROUND_Google/")),
        rows.toString());
  }
}
