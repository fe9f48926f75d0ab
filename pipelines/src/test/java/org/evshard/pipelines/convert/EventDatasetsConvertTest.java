package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ConvertJob over generated corpora of the event datasets whose samples need more than "read the whole file": DVS128
 * Gesture (AEDAT 3.1 recordings cut into labelled time windows) and CIFAR10-DVS (AEDAT 2.0 DVS128 files read with
 * SpikingJelly's axes, the dataset's own test fraction 0.1). The recordings are written by small encoders here, from
 * the format descriptions in CONVENTIONS.md, independent of the readers.
 */
class EventDatasetsConvertTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  // ---------------------------------------------------------------- DVS128 Gesture

  /** One DVS Gesture recording as the test wrote it: all events (valid ones only) and the labelled windows. */
  private record Recording(String stem, String split, Events events, List<long[]> windows) {}

  @Test
  void specBuiltDvsGestureWindowsHoldExactlyTheEventsWithStartLeTLtEnd() throws Exception {
    Path input = tmp.resolve("DvsGesture");
    Files.createDirectories(input);
    SplittableRandom r = new SplittableRandom(11);
    List<Recording> recordings = new ArrayList<>();
    String[][] trials = {{"user01_natural", "train"}, {"user02_led", "train"}, {"user03_fluorescent", "test"}};
    for (String[] trial : trials) {
      // windows share boundaries, and events sit exactly on them: start is inside, end is outside
      List<long[]> windows = List.of(new long[] {1 + r.nextInt(11), 200_000, 900_000},
          new long[] {1 + r.nextInt(11), 1_000_000, 1_500_000}, new long[] {1 + r.nextInt(11), 1_500_000, 2_400_000});
      Events events = writeAedat31(input.resolve(trial[0] + ".aedat"), r, windows);
      StringBuilder csv = new StringBuilder("class,startTime_usec,endTime_usec\n");
      for (long[] w : windows) {
        csv.append(w[0]).append(',').append(w[1]).append(',').append(w[2]).append('\n');
      }
      Files.writeString(input.resolve(trial[0] + "_labels.csv"), csv);
      recordings.add(new Recording(trial[0], trial[1], events, windows));
    }
    Files.writeString(input.resolve("trials_to_train.txt"), "user01_natural.aedat\nuser02_led.aedat\n");
    Files.writeString(input.resolve("trials_to_test.txt"), "user03_fluorescent.aedat\n");

    Path output = tmp.resolve("out");
    ConvertResult result = ConvertJob.run(ConvertSettings.of("dvsgesture", input, output).withShardsPerSplit(2));
    assertEquals(9, result.discovered());
    assertEquals(9, result.written());
    assertEquals(0, result.rejected());

    Map<String, ShardContents.Row> rows = ShardContents.readParquetBySampleId(output);
    assertEquals(9, rows.size());
    for (Recording rec : recordings) {
      for (int i = 0; i < rec.windows().size(); i++) {
        long[] w = rec.windows().get(i);
        String id = String.format("dvsgesture/%s/%02d", rec.stem(), i);
        ShardContents.Row row = rows.get(id);
        Events expected = window(rec.events(), w[1], w[2]);
        assertTrue(expected.size() > 100, "the window holds events");
        assertEquals(expected, row.events(), "events of " + id);
        assertEquals(expected.size(), row.nEvents());
        assertEquals((int) w[0] - 1, row.label(), "label of " + id);
        assertEquals(rec.split(), row.split());
        assertEquals(128, row.width());
        assertEquals(128, row.height());
      }
    }

    // a recording whose labels file is missing is rejected at discovery; the others convert and the run reconciles
    Files.delete(input.resolve("user02_led_labels.csv"));
    Path partial = tmp.resolve("out-partial");
    ConvertResult withMissing = ConvertJob.run(ConvertSettings.of("dvsgesture", input, partial));
    assertEquals(6, withMissing.written());
    assertEquals(1, withMissing.rejected());
    assertEquals(7, withMissing.discovered());
    List<String> errors = Files.readAllLines(partial.resolve("errors.jsonl"));
    assertEquals(1, errors.size());
    JsonNode e = JSON.readTree(errors.get(0));
    assertEquals("discover", e.get("stage").asText());
    assertEquals("user02_led.aedat", e.get("source").asText());
    assertTrue(e.get("reason").asText().contains("user02_led_labels.csv is missing"), errors.get(0));
    JsonNode counts = JSON.readTree(partial.resolve("manifest.json").toFile()).get("counts");
    assertEquals(7, counts.get("discovered").asLong(), counts.toString());
    assertEquals(1, counts.get("rejected").asLong(), counts.toString());

    // a slicer does not stream a labelled interval: --max-events limits the interval, and the reason says so
    long limit = window(recordings.get(0).events(), 200_000, 900_000).size() - 1;
    Path sliced = tmp.resolve("out-sliced");
    ConvertResult over = ConvertJob.run(new ConvertSettings("dvsgesture", input, sliced,
        org.evshard.io.shard.ShardFormat.PARQUET, 0, ConvertSettings.DEFAULT_TARGET_SHARD_BYTES,
        org.evshard.io.format.ReadOptions.defaults().withMaxEvents(limit), null, false, false, List.of(),
        List.of("slice_by_time(time_window=100000)")));
    assertTrue(over.rejected() > 1, "the first window of user01 and more");
    JsonNode first = JSON.readTree(Files.readAllLines(sliced.resolve("errors.jsonl")).stream()
        .filter(l -> l.contains("user01_natural/00")).findFirst().orElseThrow());
    assertTrue(first.get("reason").asText().endsWith("; a time-window sample (a labelled interval) is held whole "
        + "before it is sliced, so the limit applies to the interval, not to each slice"), first.toString());
  }

  /**
   * Writes an AEDAT 3.1 file (DVS128 source) holding random events from 0 to 2.6 s, with events placed exactly on
   * every window boundary and 1 in 50 events marked invalid (the reader must drop them); returns the valid events.
   */
  private static Events writeAedat31(Path file, SplittableRandom r, List<long[]> windows) throws Exception {
    List<Long> times = new ArrayList<>();
    long now = 0;
    while (now < 2_600_000) {
      now += r.nextInt(400);
      times.add(now);
    }
    for (long[] w : windows) {
      times.add(w[1]);
      times.add(w[2]);
      times.add(w[1] - 1);
      times.add(w[2] - 1);
    }
    times.sort(null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n"
        + "#Start-Time: 2017-01-01 00:00:00 (TZ+0000)\r\n#!END-HEADER\r\n").getBytes(StandardCharsets.US_ASCII));
    EventsBuilder valid = new EventsBuilder();
    int packet = 997;
    for (int from = 0; from < times.size(); from += packet) {
      int n = Math.min(packet, times.size() - from);
      ByteBuffer b = ByteBuffer.allocate(28 + 8 * n).order(ByteOrder.LITTLE_ENDIAN);
      // eventType 1 (polarity), eventSource, eventSize 8, eventTSOffset 4, eventTSOverflow 0, capacity, number, valid
      b.putShort((short) 1).putShort((short) 1).putInt(8).putInt(4).putInt(0).putInt(n).putInt(n).putInt(n);
      for (int i = 0; i < n; i++) {
        int x = r.nextInt(128);
        int y = r.nextInt(128);
        boolean p = r.nextBoolean();
        boolean ok = r.nextInt(50) != 0;
        long t = times.get(from + i);
        b.putInt(x << 17 | y << 2 | (p ? 1 : 0) << 1 | (ok ? 1 : 0));
        b.putInt((int) t);
        if (ok) {
          valid.add((short) x, (short) y, t, p);
        }
      }
      out.writeBytes(b.array());
    }
    Files.write(file, out.toByteArray());
    return valid.build();
  }

  private static Events window(Events all, long start, long end) {
    EventsBuilder b = new EventsBuilder();
    for (int i = 0; i < all.size(); i++) {
      long t = all.t()[i];
      if (start <= t && t < end) {
        b.add(all.x()[i], all.y()[i], t, all.p()[i]);
      }
    }
    return b.build();
  }

  // ---------------------------------------------------------------- CIFAR10-DVS (AEDAT 2.0)

  @Test
  void specBuiltCifar10DvsAedat2UsesSpikingJellyAxesAndTheTenPercentTestSplit() throws Exception {
    Path input = tmp.resolve("cifar");
    SplittableRandom r = new SplittableRandom(5);
    Map<String, Events> expected = new HashMap<>();
    for (String cls : new String[] {"airplane", "truck"}) {
      Files.createDirectories(input.resolve(cls));
      for (int i = 0; i < 10; i++) {
        String name = "cifar10_" + cls + "_" + i;
        expected.put(cls + "/" + name + ".aedat", writeDvs128Aedat2(input.resolve(cls).resolve(name + ".aedat"), r));
      }
    }
    Path output = tmp.resolve("out");
    ConvertResult result = ConvertJob.run(ConvertSettings.of("cifar10dvs", input, output));
    assertEquals(20, result.written());
    assertEquals(0, result.rejected());
    Map<String, ShardContents.Row> rows = ShardContents.readParquet(output);
    Map<String, Integer> testPerClass = new HashMap<>();
    for (Map.Entry<String, Events> e : expected.entrySet()) {
      ShardContents.Row row = rows.get(e.getKey());
      assertEquals(e.getValue(), row.events(), "SpikingJelly axes for " + e.getKey());
      assertEquals(e.getKey().startsWith("airplane") ? 0 : 9, row.label());
      assertEquals(128, row.width());
      assertEquals(128, row.height());
      if (row.split().equals("test")) {
        testPerClass.merge(row.labelName(), 1, Integer::sum);
      }
    }
    // CIFAR10-DVS's own default test fraction, 0.1 (SpikingJelly's 0.9 train ratio), not the generic 0.2
    assertEquals(Map.of("airplane", 1, "truck", 1), testPerClass);
    JsonNode manifest = JSON.readTree(output.resolve("manifest.json").toFile());
    assertEquals(0.1, manifest.get("parameters").get("test_fraction").asDouble());
  }

  /**
   * A jAER AEDAT 2.0 DVS128 file: big-endian (address, timestamp) records, raw x in bits 7..1, raw y in 14..8, bit 0
   * set = OFF, plus an external-input record (bit 15) that is not an event. Returns the events in SpikingJelly's
   * CIFAR10-DVS axes: x = 127 - raw_y, y = 127 - raw_x, p = 1 - bit0.
   */
  private static Events writeDvs128Aedat2(Path file, SplittableRandom r) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(("#!AER-DAT2.0\r\n# This is a raw AE data file - do not edit\r\n"
        + "# AEChip: ch.unizh.ini.jaer.chip.retina.DVS128\r\n").getBytes(StandardCharsets.US_ASCII));
    int n = 500 + r.nextInt(500);
    ByteBuffer b = ByteBuffer.allocate(8 * (n + 1)).order(ByteOrder.BIG_ENDIAN);
    EventsBuilder events = new EventsBuilder();
    long t = r.nextInt(1000);
    for (int i = 0; i < n; i++) {
      if (i == n / 2) {
        b.putInt(1 << 15).putInt((int) t); // external input: skipped
      }
      t += r.nextInt(300);
      int rawX = r.nextInt(128);
      int rawY = r.nextInt(128);
      int bit0 = r.nextInt(2);
      b.putInt(rawY << 8 | rawX << 1 | bit0).putInt((int) t);
      events.add((short) (127 - rawY), (short) (127 - rawX), t, bit0 == 0);
    }
    out.writeBytes(b.array());
    Files.write(file, out.toByteArray());
    return events.build();
  }
}
