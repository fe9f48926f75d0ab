package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.shard.ManifestVerifier;
import org.evshard.io.shard.ShardFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code convert} slicing recordings too long to hold while it streams them (two passes, {@link StreamedSlices}): on a
 * folder corpus of long EVT 3.0, AEDAT 4.0 and ATIS recordings, a run that streams every recording of more than 1,000
 * events writes the same shards, byte for byte and row for row, as a run that holds every recording, for time and
 * event slicers, overlap, seeded augmentations after the slicer, representations and event rows. Broken recordings on
 * the streaming path are rejected whole, with their reason and offset, and the runs reconcile.
 */
class StreamedSlicingTest {

  /** Recordings of more than this many events are streamed in the streaming runs. */
  private static final int HELD = 1_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  static List<List<String>> chains() {
    return List.of(
        List.of("slice_by_time(time_window=50000)", "frame(n_time_bins=10)"),
        List.of("slice_by_event_count(event_count=3000, overlap=1000, include_incomplete=True)"),
        List.of("slice_by_time(time_window=80000, overlap=30000, include_incomplete=True)", "drop_event(p=0.3)",
            "uniform_noise(n=40, seed=3)", "spatial_jitter(var_x=2, var_y=2, clip_outliers=True, seed=5)"),
        List.of("slice_by_time_bins(bin_count=9, overlap=0.4)", "time_jitter(std=30, seed=11, sort_timestamps=True)",
            "frame(n_time_bins=3)"),
        List.of("slice_by_event_bins(bin_count=6, overlap=0.5)", "voxel_grid(n_time_bins=5)"));
  }

  private static ConvertSettings settings(Path input, Path output, List<String> chain, long maxEvents) {
    return new ConvertSettings("folder", input, output, ShardFormat.PARQUET, 2,
        ConvertSettings.DEFAULT_TARGET_SHARD_BYTES, ReadOptions.defaults().withMaxEvents(maxEvents).withChunkSize(4096),
        null, false, false, List.of(), chain);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("chains")
  void streamedSlicesWriteTheSameShardsAsHeldRecordings(List<String> chain) throws Exception {
    Path input = tmp.resolve("corpus");
    Map<String, Events> corpus = LongRecordings.write(input, 7);
    Path held = tmp.resolve("held");
    Path streamed = tmp.resolve("streamed");
    ConvertResult h = ConvertJob.run(settings(input, held, chain, ReadOptions.DEFAULT_MAX_EVENTS));
    // --max-events below the longest recordings: only the streaming path can convert them
    ConvertResult s = ConvertJob.run(settings(input, streamed, chain, 40_000), HELD);

    assertEquals(corpus.size(), h.discovered());
    assertEquals(corpus.size(), h.written(), "every recording converts when held");
    assertEquals(h.written(), s.written());
    assertEquals(0, s.rejected());
    assertEquals(h.rows(), s.rows());
    assertTrue(h.rows() > 40, "rows: " + h.rows());
    assertEquals(shardBytes(held).keySet(), shardBytes(streamed).keySet());
    shardBytes(held).forEach((shard, bytes) -> assertArrayEquals(bytes, shardBytes(streamed).get(shard),
        chain + ": shard " + shard + " differs"));
    assertSameRows(rows(held), rows(streamed), chain.toString());
    assertEquals(List.of(), ManifestVerifier.verify(streamed.resolve("manifest.json")));
  }

  @Test
  void arrowShardsAreTheSameToo() throws Exception {
    Path input = tmp.resolve("corpus");
    LongRecordings.write(input, 8);
    List<String> chain = List.of("slice_by_time(time_window=50000, overlap=10000)", "frame(n_time_bins=10)");
    Path held = tmp.resolve("held");
    Path streamed = tmp.resolve("streamed");
    ConvertJob.run(settings(input, held, chain, ReadOptions.DEFAULT_MAX_EVENTS).withShardFormat(ShardFormat.ARROW));
    ConvertJob.run(settings(input, streamed, chain, ReadOptions.DEFAULT_MAX_EVENTS)
        .withShardFormat(ShardFormat.ARROW), HELD);
    Map<String, byte[]> want = shardBytes(held);
    assertFalse(want.isEmpty());
    assertEquals(want.keySet(), shardBytes(streamed).keySet());
    want.forEach((shard, bytes) -> assertArrayEquals(bytes, shardBytes(streamed).get(shard), shard));
  }

  @Test
  void aRecordingLongerThanMaxEventsIsSlicedWhenItsSlicerComesFirstAndRejectedWithTheReasonWhenNot()
      throws Exception {
    Path input = tmp.resolve("corpus");
    Map<String, Events> corpus = LongRecordings.write(input, 9);
    long longer = corpus.values().stream().filter(e -> e.size() > 20_000).count();
    // the default threshold: only --max-events makes these recordings too long to hold
    ConvertResult first = ConvertJob.run(settings(input, tmp.resolve("first"),
        List.of("slice_by_time(time_window=50000)", "frame(n_time_bins=10)"), 20_000));
    assertEquals(corpus.size(), first.written());
    ConvertResult notFirst = ConvertJob.run(settings(input, tmp.resolve("not-first"),
        List.of("time_align", "slice_by_time(time_window=50000)", "frame(n_time_bins=10)"), 20_000));
    assertEquals(longer, notFirst.rejected());
    for (JsonNode e : errors(tmp.resolve("not-first"))) {
      String reason = e.get("reason").asText();
      assertTrue(reason.contains("exceeds the limit of 20000") && reason.contains("slicer first")
          && reason.contains("'time_align' comes before 'slice_by_time(time_window=50000)'"), reason);
      assertTrue(e.get("offset").asLong() > 0, e.toString());
    }
  }

  @Test
  void aTruncatedRecordingOnTheStreamingPathIsRejectedWithItsOffsetAndWritesNoRow() throws Exception {
    Path input = tmp.resolve("corpus");
    Map<String, Events> corpus = LongRecordings.write(input, 10);
    byte[] bytes = Files.readAllBytes(input.resolve("cars/rec2.bin"));
    Files.write(input.resolve("cars/cut.bin"), Arrays.copyOf(bytes, bytes.length - 3)); // 5-byte records
    List<String> chain = List.of("slice_by_event_count(event_count=2000)");
    Path output = tmp.resolve("out");
    ConvertResult r = ConvertJob.run(settings(input, output, chain, ReadOptions.DEFAULT_MAX_EVENTS), HELD);
    assertEquals(corpus.size() + 1, r.discovered());
    assertEquals(corpus.size(), r.written());
    assertEquals(1, r.rejected());
    JsonNode error = errors(output).get(0);
    assertEquals("cars/cut.bin", error.get("source").asText());
    assertEquals("decode", error.get("stage").asText());
    assertTrue(error.get("reason").asText().contains("5-byte"), error.toString());
    assertEquals(bytes.length - 3 - (bytes.length - 3) % 5, error.get("offset").asLong());
    assertFalse(sources(output).contains("cars/cut.bin"), "no row of the truncated recording");
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
  }

  @Test
  void aRecordingOutOfTimeOrderIsRejectedOnTheStreamingPath() throws Exception {
    Path input = tmp.resolve("corpus");
    Map<String, Events> corpus = LongRecordings.write(input, 11);
    Events e = corpus.get("walk/rec6.aedat4");
    long[] t = e.t().clone();
    t[5_000] = t[4_999] - 10; // one event 10 us before its predecessor
    LongRecordings.write(input.resolve("walk/unordered.aedat4"), Events.wrap(e.x(), e.y(), t, e.p()));
    Path output = tmp.resolve("out");
    ConvertResult r = ConvertJob.run(settings(input, output, List.of("slice_by_time(time_window=50000)"),
        ReadOptions.DEFAULT_MAX_EVENTS), HELD);
    assertEquals(1, r.rejected());
    assertEquals(corpus.size(), r.written());
    JsonNode error = errors(output).get(0);
    assertEquals("walk/unordered.aedat4", error.get("source").asText());
    String reason = error.get("reason").asText();
    assertTrue(reason.contains("time-ordered") && reason.contains("event 5000")
        && reason.contains("found t = " + t[5_000]), reason);
    assertTrue(error.get("offset").asLong() > 0, error.toString());
    assertFalse(sources(output).contains("walk/unordered.aedat4"));
  }

  @Test
  void aSliceOverMaxEventsAfterRowsWereWrittenRejectsTheSampleWholeAndTheShardKeepsTheOthers() throws Exception {
    Path input = tmp.resolve("corpus");
    Map<String, Events> corpus = LongRecordings.write(input, 12);
    // a burst of 6,000 events in 2 ms in the middle of a recording: its 50 ms slice is far over the limit
    Events e = corpus.get("cars/rec1.aedat4");
    EventsBuilder b = new EventsBuilder();
    int mid = e.size() / 2;
    b.add(e.slice(0, mid));
    SplittableRandom r = new SplittableRandom(1);
    long at = e.t()[mid - 1];
    for (int i = 0; i < 6_000; i++) {
      b.add((short) r.nextInt(64), (short) r.nextInt(48), at + i / 3, r.nextBoolean());
    }
    Events rest = e.slice(mid, e.size());
    long shift = Math.max(0, at + 2_000 - rest.t()[0]); // the rest after the burst
    for (int i = 0; i < rest.size(); i++) {
      b.add(rest.x()[i], rest.y()[i], rest.t()[i] + shift, rest.p()[i]);
    }
    LongRecordings.write(input.resolve("cars/burst.aedat4"), b.build());
    List<String> chain = List.of("slice_by_time(time_window=50000)", "frame(n_time_bins=10)");
    Path held = tmp.resolve("held");
    Path streamed = tmp.resolve("streamed");
    ConvertJob.run(settings(input, held, chain, ReadOptions.DEFAULT_MAX_EVENTS).withShardsPerSplit(1));
    ConvertResult s = ConvertJob.run(settings(input, streamed, chain, 5_000).withShardsPerSplit(1), HELD);

    assertEquals(corpus.size() + 1, s.discovered());
    assertEquals(1, s.rejected());
    JsonNode error = errors(streamed).get(0);
    assertEquals("cars/burst.aedat4", error.get("source").asText());
    assertEquals("decode", error.get("stage").asText());
    String reason = error.get("reason").asText();
    assertTrue(reason.matches("slice [1-9][0-9]* of the streamed recording: event count of \\d+ exceeds the limit of "
        + "5000"), reason);
    assertTrue(error.get("offset").asLong() > 0, error.toString());
    // the other samples of its shard are there, row for row as held
    List<List<String>> want = rows(held);
    assertTrue(want.removeIf(row -> row.get(0).startsWith("folder/cars/burst#")));
    assertSameRows(want, rows(streamed), "without the rejected recording");
    assertEquals(List.of(), ManifestVerifier.verify(streamed.resolve("manifest.json")));
  }

  /** Every shard file under {@code output}, by relative path. */
  private static Map<String, byte[]> shardBytes(Path output) {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(output)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = output.relativize(f).toString();
        if (name.endsWith(".parquet") || name.endsWith(".arrow")) {
          out.put(name, Files.readAllBytes(f));
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Every row as DuckDB reads it, in shard and row order: sample_id, slice_index, n_events, then every column as an
   * MD5 of its text (frames and voxel grids would otherwise be hundreds of kilobytes of text per row).
   */
  private static List<List<String>> rows(Path output) throws SQLException {
    List<List<String>> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sample_id, slice_index, n_events, md5(CAST(COLUMNS(* EXCLUDE "
            + "(filename, file_row_number)) AS VARCHAR)) FROM read_parquet('" + output + "/*/*.parquet', filename = "
            + "true, file_row_number = true) ORDER BY filename, file_row_number")) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getString(i));
        }
        out.add(row);
      }
    }
    assertTrue(out.get(0).size() > 10, "columns: " + out.get(0));
    return out;
  }

  /** The same rows in the same order, naming the first that differs. */
  private static void assertSameRows(List<List<String>> want, List<List<String>> got, String what) {
    for (int i = 0; i < Math.min(want.size(), got.size()); i++) {
      assertEquals(want.get(i), got.get(i), what + ": row " + i);
    }
    assertEquals(want.size(), got.size(), what + ": rows");
  }

  private static TreeSet<String> sources(Path output) throws SQLException {
    TreeSet<String> out = new TreeSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT source FROM read_parquet('" + output + "/*/*.parquet')")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  private static List<JsonNode> errors(Path output) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(output.resolve("errors.jsonl"))) {
      if (!line.isBlank()) {
        out.add(JSON.readTree(line));
      }
    }
    return out;
  }
}
