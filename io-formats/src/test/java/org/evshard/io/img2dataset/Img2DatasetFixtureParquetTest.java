package org.evshard.io.img2dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.evshard.io.Fixtures;
import org.junit.jupiter.api.Test;

/** img2dataset's own test parquet (an input url list: url, txt, sha256hash) read back, checked against DuckDB. */
class Img2DatasetFixtureParquetTest {

  @Test
  void readsImg2datasetsSampleParquetLikeDuckDb() throws IOException, SQLException, NoSuchAlgorithmException {
    Path file = Fixtures.file("fixtures/images/img2dataset/test_files/sample_image.parquet");
    List<Map<String, String>> duck = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT url, txt, sha256hash FROM read_parquet('" + file + "')")) {
      while (rs.next()) {
        Map<String, String> row = new TreeMap<>();
        row.put("url", rs.getString(1));
        row.put("txt", rs.getString(2));
        row.put("sha256hash", rs.getString(3));
        duck.add(row);
      }
    }
    List<Img2DatasetSample> ours = new ArrayList<>();
    try (Img2DatasetParquetReader r = Img2DatasetParquetReader.open(file, "txt", 1 << 20)) {
      for (Optional<Img2DatasetSample> s = r.next(); s.isPresent(); s = r.next()) {
        ours.add(s.get());
      }
      assertEquals(Optional.empty(), r.imageColumn());
    }
    assertEquals(duck.size(), ours.size());
    for (int i = 0; i < ours.size(); i++) {
      Map<String, String> want = new TreeMap<>(duck.get(i));
      want.values().removeIf(v -> v == null);
      Map<String, String> got = new TreeMap<>(ours.get(i).fields());
      got.keySet().retainAll(List.of("url", "txt", "sha256hash"));
      assertEquals(want, got);
      assertEquals(Integer.toString(i), ours.get(i).key(), "an input url list keys rows by index");
      assertEquals(Optional.ofNullable(duck.get(i).get("txt")), ours.get(i).caption());
    }
    // the url is the one img2dataset's test downloads, and its hash is the sha256 of that image (original.png)
    String url = Files.readString(Fixtures.file("fixtures/images/img2dataset/test_files/sample_image.txt")).strip();
    assertEquals(url, ours.get(0).field("url").orElseThrow());
    byte[] png = Files.readAllBytes(Fixtures.file("fixtures/images/img2dataset/blur_test_files/original.png"));
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
    assertEquals(sha, ours.get(0).field("sha256hash").orElseThrow());
  }
}
