package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.evshard.io.events.Events;
import org.evshard.io.shard.ArrowShardReader;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestVerifier;
import org.evshard.io.shard.SampleRow;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardTensor;
import org.evshard.transforms.OutputBudget;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.slice.SliceRanges;
import org.evshard.transforms.spec.TransformChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert --transform}: long DVS-Gesture-like recordings (one long {@code .bin} per class in the N-MNIST
 * layout, about 6 s and 15,000 events each) sliced by time and turned into frames; every stored tensor must equal the
 * kernels applied directly to the recording, in Parquet (read by DuckDB) and Arrow IPC (read by Arrow Java's reader
 * with full validation).
 */
class ConvertTransformTest {

  private static final String SLICER = "slice_by_time(time_window=500000)";
  private static final String FRAME = "frame(n_time_bins=10)";
  private static final SensorSize SENSOR = new SensorSize(34, 34, 2);

  @TempDir
  Path tmp;

  /** Long recordings at a steady rate: Train/0..2 and Test/0..1, one each. */
  private static Map<String, Events> longRecordings(Path root) throws Exception {
    SplittableRandom r = new SplittableRandom(4);
    Map<String, Events> out = new LinkedHashMap<>();
    String[] sources = {"Train/0/00000.bin", "Train/1/00000.bin", "Train/2/00000.bin", "Test/0/00000.bin",
        "Test/1/00000.bin"};
    for (String source : sources) {
      int n = 12_000 + r.nextInt(6_000);
      short[] x = new short[n];
      short[] y = new short[n];
      long[] t = new long[n];
      boolean[] p = new boolean[n];
      long now = r.nextLong(1000);
      for (int i = 0; i < n; i++) {
        now += r.nextLong(800);
        x[i] = (short) r.nextInt(34);
        y[i] = (short) r.nextInt(34);
        t[i] = now;
        p[i] = r.nextBoolean();
      }
      Events e = Events.wrap(x, y, t, p);
      TestCorpora.writeBin(root.resolve(source), e);
      out.put(source, e);
    }
    return out;
  }

  /** The kernels applied directly: source -> tensors per slice. */
  private static Map<String, List<Integer>> sliceSizes(Map<String, Events> recordings) {
    TransformChain slicer = TransformChain.parse(SLICER);
    Map<String, List<Integer>> out = new HashMap<>();
    recordings.forEach((source, e) -> {
      SliceRanges ranges = slicer.apply(e, SENSOR).slices();
      List<Integer> sizes = new ArrayList<>();
      for (int i = 0; i < ranges.count(); i++) {
        sizes.add(ranges.clampedStop(i) - ranges.clampedStart(i));
      }
      out.put(source, sizes);
    });
    return out;
  }

  private static Map<String, List<Tensor>> expected(Map<String, Events> recordings) {
    TransformChain slicer = TransformChain.parse(SLICER);
    TransformChain frame = TransformChain.parse(FRAME);
    Map<String, List<Tensor>> out = new LinkedHashMap<>();
    recordings.forEach((source, e) -> {
      SliceRanges ranges = slicer.apply(e, SENSOR).slices();
      List<Tensor> tensors = new ArrayList<>();
      for (int i = 0; i < ranges.count(); i++) {
        tensors.add(frame.apply(e.slice(ranges.clampedStart(i), ranges.clampedStop(i)), SENSOR).tensor());
      }
      out.put(source, tensors);
    });
    return out;
  }

  private static void assertSameTensor(Tensor expected, long[] shape, short[] values, String what) {
    assertArrayEquals(expected.shape(), shape, what + ": shape");
    assertArrayEquals(expected.shorts(), values, what + ": values");
  }

  @Test
  void slicedFramesInParquetMatchTheKernelsAndTheManifestCountsSamplesAndRows() throws Exception {
    Path input = tmp.resolve("gesture");
    Map<String, Events> recordings = longRecordings(input);
    Files.write(input.resolve("Train/2/00001.bin"), new byte[0]); // rejected at decode
    Map<String, List<Tensor>> expected = expected(recordings);
    Map<String, List<Integer>> sizes = sliceSizes(recordings);
    long slices = expected.values().stream().mapToLong(List::size).sum();
    assertTrue(slices > 5 * 10, "long recordings give many slices, got " + slices);

    Path output = tmp.resolve("out");
    ConvertResult result = ConvertJob.run(ConvertSettings.of("nmnist", input, output).withShardsPerSplit(2)
        .withTransforms(List.of(SLICER, FRAME)));

    assertEquals(6, result.discovered());
    assertEquals(5, result.written());
    assertEquals(1, result.rejected());
    assertEquals(slices, result.rows());
    int seen = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT source, slice_index, sample_id, n_events, tensor, tensor_shape, "
            + "sensor_width FROM read_parquet('" + output + "/*/*.parquet') ORDER BY source, slice_index")) {
      while (rs.next()) {
        String source = rs.getString(1);
        int slice = rs.getInt(2);
        assertTrue(rs.getString(3).endsWith(String.format(Locale.ROOT, "#s%04d", slice)), rs.getString(3));
        Object[] values = (Object[]) rs.getArray(5).getArray();
        short[] v = new short[values.length];
        for (int i = 0; i < v.length; i++) {
          v[i] = ((Number) values[i]).shortValue();
        }
        Object[] dims = (Object[]) rs.getArray(6).getArray();
        long[] shape = new long[dims.length];
        for (int i = 0; i < dims.length; i++) {
          shape[i] = ((Number) dims[i]).longValue();
        }
        Tensor want = expected.get(source).get(slice);
        assertSameTensor(want, shape, v, source + " slice " + slice);
        assertEquals((long) sizes.get(source).get(slice), rs.getLong(4), "n_events of " + source + " slice " + slice);
        assertEquals(34, rs.getInt(7));
        seen++;
      }
    }
    assertEquals(slices, seen);
    Manifest m = Manifest.read(output.resolve("manifest.json"));
    assertEquals(5, m.counts().written());
    assertEquals(slices, m.counts().rows());
    assertEquals(List.of(SLICER, FRAME), m.parameters().get("transforms"));
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
    try (ResultSet rs = DriverManager.getConnection("jdbc:duckdb:").createStatement().executeQuery(
        "SELECT value::VARCHAR FROM parquet_kv_metadata('" + output + "/train/part-00000-of-00002.parquet') "
            + "WHERE key::VARCHAR = 'evshard.tensor_shape'")) {
      assertTrue(rs.next());
      assertEquals("[10,2,34,34]", rs.getString(1));
    }
  }

  /**
   * {@code n_events} of a tensor row counts the events the representation received: after the chain's filters, with
   * and without a slicer (a filter before the slicer, and one between the slicer and the representation).
   */
  @Test
  void nEventsOfATensorRowCountsTheEventsAfterTheFilters() throws Exception {
    Path input = tmp.resolve("gesture");
    Map<String, Events> recordings = longRecordings(input);
    String denoise = "denoise(filter_time=2000)";
    TransformChain filter = TransformChain.parse(denoise);
    TransformChain slicer = TransformChain.parse(SLICER);
    for (List<String> chain : List.of(List.of(denoise, FRAME), List.of(denoise, SLICER, FRAME),
        List.of(SLICER, denoise, FRAME))) {
      Path output = tmp.resolve("out-" + chain.size() + "-" + chain.get(0).charAt(0));
      ConvertJob.run(ConvertSettings.of("nmnist", input, output).withTransforms(chain));
      Map<String, List<Long>> want = new HashMap<>();
      recordings.forEach((source, e) -> {
        List<Long> counts = new ArrayList<>();
        if (!chain.contains(SLICER)) {
          counts.add((long) filter.apply(e, SENSOR).events().size());
        } else if (chain.get(0).equals(denoise)) {
          Events kept = filter.apply(e, SENSOR).events();
          SliceRanges ranges = slicer.apply(kept, SENSOR).slices();
          for (int i = 0; i < ranges.count(); i++) {
            counts.add((long) ranges.clampedStop(i) - ranges.clampedStart(i));
          }
        } else {
          SliceRanges ranges = slicer.apply(e, SENSOR).slices();
          for (int i = 0; i < ranges.count(); i++) {
            counts.add((long) filter.apply(e.slice(ranges.clampedStart(i), ranges.clampedStop(i)), SENSOR).events()
                .size());
          }
        }
        want.put(source, counts);
      });
      long dropped = 0;
      int rows = 0;
      try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT source, slice_index, n_events FROM read_parquet('" + output
              + "/*/*.parquet') ORDER BY source, slice_index")) {
        while (rs.next()) {
          String source = rs.getString(1);
          int slice = Math.max(0, rs.getInt(2));
          long expected = want.get(source).get(slice);
          assertEquals(expected, rs.getLong(3), chain + ": n_events of " + source + " slice " + slice);
          rows++;
        }
      }
      for (Map.Entry<String, Events> e : recordings.entrySet()) {
        dropped += e.getValue().size() - filter.apply(e.getValue(), SENSOR).events().size();
      }
      assertEquals(want.values().stream().mapToInt(List::size).sum(), rows, chain + ": rows");
      assertTrue(dropped > 0, "the filter must drop events for this test to mean anything");
    }
  }

  @Test
  void slicedFramesInArrowUseTheFixedShapeTensorTypeAndMatchTheKernels() throws Exception {
    Path input = tmp.resolve("gesture");
    Map<String, Events> recordings = longRecordings(input);
    Map<String, List<Tensor>> expected = expected(recordings);
    Path output = tmp.resolve("out");
    ConvertResult result = ConvertJob.run(ConvertSettings.of("nmnist", input, output)
        .withShardFormat(ShardFormat.ARROW).withTransforms(List.of(SLICER, FRAME)));
    assertEquals(5, result.written());
    int seen = 0;
    List<Path> shards;
    try (Stream<Path> files = Files.walk(output)) {
      shards = files.filter(f -> f.toString().endsWith(".arrow")).sorted().toList();
    }
    for (Path shard : shards) {
      try (ArrowShardReader reader = new ArrowShardReader(shard)) {
        while (reader.hasNext()) {
          SampleRow row = reader.next();
          ShardTensor t = row.tensor();
          assertEquals(ShardTensor.Dtype.INT16, t.dtype());
          assertSameTensor(expected.get(row.source()).get(row.sliceIndex()), t.shape(), (short[]) t.data(),
              row.sampleId());
          seen++;
        }
      }
    }
    assertEquals(expected.values().stream().mapToLong(List::size).sum(), seen);
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
  }

  /**
   * spike_voxel gives one row per occupied voxel: on the layout probe's dense random recordings a small grid is full
   * (256 rows), so the shape looked fixed and every real sample with fewer occupied voxels was rejected. Now such a
   * chain's tensor column has a variable shape and every sample is written, equal to the kernel's output.
   */
  @Test
  void aChainWhoseShapeFollowsTheEventsWritesEverySampleWithItsOwnShape() throws Exception {
    Path input = tmp.resolve("nmnist-voxels");
    Map<String, Events> recordings = TestCorpora.nmnist(input, 1, 21);
    Path output = tmp.resolve("out-voxels");
    String spec = "spike_voxel(grid=(8, 8, 4))";
    ConvertResult result = ConvertJob.run(ConvertSettings.of("nmnist", input, output).withTransforms(List.of(spec)));
    assertEquals(recordings.size(), result.written(), "every sample written");
    assertEquals(0, result.rejected());
    TransformChain chain = TransformChain.parse(spec);
    java.util.Set<String> shapes = new java.util.TreeSet<>();
    try (java.sql.Connection c = DriverManager.getConnection("jdbc:duckdb:");
        ResultSet rs = c.createStatement().executeQuery("SELECT source, tensor_shape, len(tensor) FROM read_parquet('"
            + output + "/**/*.parquet')")) {
      while (rs.next()) {
        Tensor want = chain.apply(recordings.get(rs.getString(1)), SENSOR).tensor();
        Object[] shape = (Object[]) rs.getArray(2).getArray();
        assertEquals(want.shape()[0], ((Number) shape[0]).longValue(), rs.getString(1));
        assertEquals(want.longs().length, rs.getLong(3), rs.getString(1));
        shapes.add(java.util.Arrays.toString(shape));
      }
    }
    assertTrue(shapes.size() > 1, "samples of different shapes: " + shapes);
    try (ResultSet rs = DriverManager.getConnection("jdbc:duckdb:").createStatement().executeQuery(
        "SELECT count(*) FROM parquet_kv_metadata('" + output + "/**/*.parquet') "
            + "WHERE key::VARCHAR = 'evshard.tensor_shape'")) {
      assertTrue(rs.next());
      assertEquals(0, rs.getLong(1), "no fixed shape declared");
    }
  }

  @Test
  void slicingWithoutARepresentationKeepsEventListsPerSlice() throws Exception {
    Path input = tmp.resolve("nmnist");
    Map<String, Events> written = TestCorpora.nmnist(input, 2, 9); // 1..600 events each
    long slices = 0;
    for (Events e : written.values()) {
      slices += TransformChain.parse("slice_by_event_count(event_count=300)").apply(e, SENSOR).slices().count();
    }
    Path output = tmp.resolve("out");
    ConvertResult r = ConvertJob.run(ConvertSettings.of("nmnist", input, output)
        .withTransforms(List.of("time_align", "slice_by_event_count(event_count=300)")));
    assertEquals(written.size(), r.written());
    assertEquals(0, r.rejected());
    assertEquals(slices, r.rows());
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*), min(slice_index), max(n_events), "
            + "count(*) FILTER (WHERE len(t) <> n_events), min(t[1]) FROM read_parquet('" + output
            + "/*/*.parquet') WHERE slice_index = 0")) {
      assertTrue(rs.next());
      assertEquals(written.size(), rs.getLong(1)); // one first slice per recording
      assertEquals(0, rs.getInt(2));
      assertEquals(300, rs.getLong(3));
      assertEquals(0, rs.getLong(4));
      assertEquals(0, rs.getLong(5)); // time_align ran before slicing
    }
  }

  @Test
  void aSampleWhoseTransformFailsIsRejectedAtTheTransformStageAndTheRunReconciles() throws Exception {
    Path input = tmp.resolve("nmnist");
    Map<String, Events> written = TestCorpora.nmnist(input, 2, 9);
    Path output = tmp.resolve("out");
    // a wide jitter without clipping throws most events out of the sensor, which frame() refuses
    ConvertResult r = ConvertJob.run(ConvertSettings.of("nmnist", input, output).withTransforms(
        List.of("spatial_jitter(var_x=100, var_y=100)", "frame(n_time_bins=2)")));
    Map<String, JsonNode> errors = new HashMap<>();
    for (String line : Files.readAllLines(output.resolve("errors.jsonl"))) {
      JsonNode n = new ObjectMapper().readTree(line);
      errors.put(n.get("source").asText(), n);
      assertEquals("transform", n.get("stage").asText());
      assertTrue(n.get("reason").asText().contains("sensor"), n.toString());
    }
    assertTrue(r.rejected() > 0);
    assertEquals(r.rejected(), errors.size());
    assertEquals(written.size(), r.written() + r.rejected());
    assertEquals(r.written(), r.rows());
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
  }

  /**
   * Events rows after {@code spatial_jitter} (Tonic's default keeps the events it moves off the sensor) held x from -7
   * to 35 on a 34x34 row, while the same chain ending in a frame rejected every sample: now such a sample is
   * rejected at the transform stage with the hint, and with {@code clip_outliers=True} every sample is written with
   * its events on the sensor.
   */
  @Test
  void eventsRowsHoldOnlyEventsOnTheirSensor() throws Exception {
    Path input = tmp.resolve("nmnist");
    Map<String, Events> written = TestCorpora.nmnist(input, 2, 9);
    Path output = tmp.resolve("out");
    ConvertResult r = ConvertJob.run(ConvertSettings.of("nmnist", input, output).withTransforms(
        List.of("spatial_jitter(var_x=100, var_y=100)")));
    assertEquals(written.size(), r.rejected(), "every sample has events thrown far off the sensor");
    for (String line : Files.readAllLines(output.resolve("errors.jsonl"))) {
      JsonNode n = new ObjectMapper().readTree(line);
      assertEquals("transform", n.get("stage").asText());
      assertTrue(n.get("reason").asText().contains("lies outside the 34x34 sensor of its row (spatial_jitter keeps "
          + "the events it moves off the sensor, as Tonic's default does: pass clip_outliers=True"), n.toString());
    }
    Path clipped = tmp.resolve("clipped");
    ConvertResult c = ConvertJob.run(ConvertSettings.of("nmnist", input, clipped).withTransforms(
        List.of("spatial_jitter(var_x=100, var_y=100, clip_outliers=True)")));
    assertEquals(written.size(), c.written());
    assertEquals(0, c.rejected());
    assertEquals(List.of(), ManifestVerifier.verify(clipped.resolve("manifest.json")));
  }

  /**
   * One wild timestamp under {@code frame(time_window=1000)} asks for a tensor of twice {@link OutputBudget#maxBytes()}
   * (a quarter of the heap): that sample is rejected with the shape and the limit in its reason and the others are
   * written (before, the kernel allocated it, or the run ended in an OutOfMemoryError on a smaller heap).
   */
  @Test
  void aSampleWhoseTensorWouldNotFitTheHeapIsRejectedAndTheRunGoesOn() throws Exception {
    Path input = tmp.resolve("nmnist");
    long frameBytes = 2L * 34 * 34 * Short.BYTES;
    long wildFrames = 2 * OutputBudget.maxBytes() / frameBytes;
    assertTrue(wildFrames * frameBytes / Short.BYTES <= Tensor.MAX_ELEMENTS, "the heap limit, not the element limit");
    // one glitch: wildFrames windows of 1000 us run until it
    writeWithOneGlitch(input, 5, 3, wildFrames * 1000, new SplittableRandom(12));
    Path output = tmp.resolve("out");
    ConvertResult result = ConvertJob.run(ConvertSettings.of("nmnist", input, output).withTransforms(
        List.of("frame(time_window=1000)")));
    assertEquals(4, result.written());
    assertEquals(1, result.rejected());
    List<String> errors = Files.readAllLines(output.resolve("errors.jsonl"));
    assertEquals(1, errors.size());
    JsonNode error = new ObjectMapper().readTree(errors.get(0));
    assertEquals("Train/3/00000.bin", error.get("source").asText());
    assertEquals("transform", error.get("stage").asText());
    assertTrue(error.get("reason").asText().startsWith("frame: output tensor of shape [" + wildFrames + ", 2, 34, 34] "
        + "would take "), error.toString());
    assertTrue(error.get("reason").asText().contains("more than a quarter of this JVM's maximum heap"),
        error.toString());
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
  }

  /**
   * N-MNIST recordings {@code Train/<i>/00000.bin} of 200 events 100 us apart, but the last event of recording
   * {@code glitched} at {@code lastT}.
   */
  private static void writeWithOneGlitch(Path input, int recordings, int glitched, long lastT, SplittableRandom r)
      throws Exception {
    for (int i = 0; i < recordings; i++) {
      Events e = TestCorpora.randomEvents(r, 200, 34, 34);
      long[] t = new long[200];
      for (int k = 0; k < t.length; k++) {
        t[k] = 100L * k;
      }
      if (i == glitched) {
        t[199] = lastT;
      }
      TestCorpora.writeBin(input.resolve("Train/" + i + "/00000.bin"), Events.wrap(e.x(), e.y(), t, e.p()));
    }
  }

  /**
   * A tensor within the kernels' quarter of the heap but too large to write: the Parquet writer ran out of memory
   * ("pipeline ended RUNNING, not DONE") and every sample was lost. Now that sample is rejected, the others written.
   */
  @Test
  void aTensorTooLargeToWriteIsRejectedAndTheRunGoesOn() throws Exception {
    Path input = tmp.resolve("nmnist");
    long frameBytes = 2L * 34 * 34 * Short.BYTES;
    long frames = Runtime.getRuntime().maxMemory() / 5 / frameBytes; // above a sixth, below a quarter
    assertTrue(frames * frameBytes <= OutputBudget.maxBytes() && frames * frameBytes > TensorRowLimit.maxBytes());
    // Tonic: (t_last - t_first - window) / stride + 1 = frames windows of 1000 us
    writeWithOneGlitch(input, 3, 1, frames * 1000, new SplittableRandom(13));
    Path output = tmp.resolve("out");
    ConvertResult result = ConvertJob.run(ConvertSettings.of("nmnist", input, output).withTransforms(
        List.of("frame(time_window=1000)")));
    assertEquals(2, result.written());
    assertEquals(1, result.rejected());
    JsonNode error = new ObjectMapper().readTree(Files.readAllLines(output.resolve("errors.jsonl")).get(0));
    assertEquals("Train/1/00000.bin", error.get("source").asText());
    assertEquals("transform", error.get("stage").asText());
    assertTrue(error.get("reason").asText().startsWith("frame: output tensor of shape [" + frames + ", 2, 34, 34] "
        + "takes "), frames + " " + error);
    assertTrue(error.get("reason").asText().contains("a shard row may hold at most"), error.toString());
    assertEquals(List.of(), ManifestVerifier.verify(output.resolve("manifest.json")));
  }

  @Test
  void invalidSpecsAreRejectedBeforeTheOutputFolderIsTouched() throws Exception {
    Path input = tmp.resolve("nmnist");
    TestCorpora.nmnist(input, 1, 3);
    Path output = tmp.resolve("out");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ConvertJob.run(
        ConvertSettings.of("nmnist", input, output).withTransforms(List.of("frame(n_time_binz=10)"))));
    assertTrue(e.getMessage().contains("n_time_binz"), e.getMessage());
    assertFalse(Files.exists(output));
    assertThrows(IllegalArgumentException.class, () -> ConvertJob.run(ConvertSettings.of("nmnist", input, output)
        .withTransforms(List.of(SLICER, "slice_by_event_count(event_count=10)"))));
    assertFalse(Files.exists(output));
    IllegalArgumentException image = assertThrows(IllegalArgumentException.class, () -> ConvertJob.run(
        ConvertSettings.of("nmnist", input, output).withTransforms(List.of("rate_code(T=4)", "frame(n_time_bins=2)"))));
    assertTrue(image.getMessage().contains("codes still images"), image.getMessage());
    assertFalse(Files.exists(output));
  }

  @Test
  void aRunThatFailsBeforeItsPipelineLeavesNoOutputFolder() throws Exception {
    Path input = tmp.resolve("nmnist");
    TestCorpora.nmnist(input, 1, 3);
    Path output = tmp.resolve("out");
    // a bad Beam option (planning)
    assertThrows(RuntimeException.class, () -> ConvertJob.run(ConvertSettings.of("nmnist", input, output)
        .withBeamArgs(List.of("--runner=NoSuchRunner"))));
    assertFalse(Files.exists(output));
    // a folder that is not in the dataset's layout (discovery)
    Path empty = Files.createDirectories(tmp.resolve("not-nmnist/stray"));
    assertThrows(RuntimeException.class, () -> ConvertJob.run(ConvertSettings.of("nmnist", empty.getParent(),
        output)));
    assertFalse(Files.exists(output));
    // an output folder that holds files is still refused before discovery, and left as it was
    Files.createDirectories(output);
    Files.writeString(output.resolve("notes.txt"), "mine");
    IllegalArgumentException held = assertThrows(IllegalArgumentException.class, () -> ConvertJob.run(
        ConvertSettings.of("nmnist", input, output)));
    assertTrue(held.getMessage().contains("--overwrite"), held.getMessage());
    assertEquals(List.of("notes.txt"), Files.list(output).map(f -> f.getFileName().toString()).toList());
  }
}
