package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.evshard.io.Fixtures;
import org.evshard.io.events.Events;
import org.evshard.io.npy.NpyArray;
import org.evshard.io.npy.NpyEvents;
import org.evshard.io.npy.NpyScalarType;
import org.evshard.transforms.TonicCases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code golden/tonic/cases.json} through the command line ({@code evshard represent}, picocli entry,
 * files in a temporary folder): events and integer arrays exactly, float arrays within 1e-9, dtype and shape as numpy
 * wrote them.
 */
class RepresentCommandTest {

  private static final double FLOAT_TOLERANCE = 1e-9;

  @TempDir
  Path tmp;

  static Stream<Arguments> cases() throws IOException {
    return TonicCases.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void representReproducesTonic(String name, JsonNode c) throws IOException {
    Path root = TonicCases.root();
    Path input = tmp.resolve("in.npy");
    Files.copy(root.resolve(c.get("input").asText()), input);
    JsonNode ss = c.get("sensor_size");
    String sensor = ss.get(0).asInt() + "x" + ss.get(1).asInt() + "x" + ss.get(2).asInt();
    Path out = tmp.resolve("out.npy");
    String spec = TonicCases.spec(c);

    int code = EvshardCli.execute("represent", input.toString(), "--sensor", sensor, "--transform", spec,
        "-o", out.toString());

    assertEquals(0, code, spec);
    Path expectedFile = root.resolve(c.get("output").asText());
    String dtype = c.get("output_dtype").asText();
    if (dtype.startsWith("[")) {
      Events expected = NpyEvents.read(expectedFile);
      assertEquals(expected, NpyEvents.read(out), spec);
      return;
    }
    NpyArray expected = NpyArray.read(expectedFile);
    NpyArray actual = NpyArray.read(out);
    assertArrayEquals(expected.shape(), actual.shape(), spec + ": shape");
    assertEquals(expected.type(), actual.type(), spec + ": dtype");
    switch (dtype) {
      case "int16", "int64" -> {
        assertTrue(expected.type() == NpyScalarType.INT16 || expected.type() == NpyScalarType.INT64);
        assertArrayEquals(expected.toLongArray(), actual.toLongArray(), spec);
      }
      case "float64" -> {
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        assertEquals(e.length, a.length);
        for (int i = 0; i < a.length; i++) {
          if (!(Math.abs(a[i] - e[i]) <= FLOAT_TOLERANCE)) {
            throw new AssertionError(spec + ": element " + i + " expected " + e[i] + " got " + a[i]);
          }
        }
      }
      default -> throw new AssertionError("unhandled output dtype " + dtype);
    }
  }

  @Test
  void aChainOfFilterThenRepresentationWorksAndBadSpecsAreRejectedBeforeReading() throws IOException {
    Path input = Fixtures.root().resolve("golden/tonic/inputs/nmnist_sample.npy");
    Path out = tmp.resolve("chain.npy");
    assertEquals(0, EvshardCli.execute("represent", input.toString(), "--sensor", "34x34x2",
        "--transform", "denoise(filter_time=10000)", "--transform", "frame(n_time_bins=10)", "-o", out.toString()));
    assertArrayEquals(new long[] {10, 2, 34, 34}, NpyArray.read(out).shape());
    // an unknown transform, a missing input: both error exits, nothing written
    Path bad = tmp.resolve("bad.npy");
    assertEquals(2, EvshardCli.execute("represent", tmp.resolve("missing.bin").toString(), "--sensor", "34x34x2",
        "--transform", "frme(n_time_bins=10)", "-o", bad.toString()));
    assertEquals(2, EvshardCli.execute("represent", input.toString(), "--sensor", "34x34x3",
        "--transform", "frame(n_time_bins=10)", "-o", bad.toString()));
    assertTrue(Files.notExists(bad));
    // a chain of filters alone wrote events off the given sensor (x = -1, -2 after flip_lr) without a word
    CliOutput off = CliOutput.run("represent", input.toString(), "--sensor", "10x10x2", "-t", "flip_lr(p=1)", "-o",
        bad.toString());
    assertEquals(2, off.exitCode, off.err);
    assertTrue(off.err.matches("(?s)evshard represent: \\S+: event \\d+ at \\(x=\\d+, y=\\d+\\) lies outside the "
        + "--sensor 10x10x2; give the recording's sensor size\n"), off.err);
    assertTrue(Files.notExists(bad));
    // points are not pixels: a point cloud drew as a 3-pixel-wide strip
    Path png = tmp.resolve("points.png");
    for (String command : new String[] {"render", "represent"}) {
      CliOutput points = CliOutput.run(command, input.toString(), "--sensor", "34x34x2", "-t", "point_cloud", "-o",
          png.toString());
      assertEquals(2, points.exitCode, points.err);
      assertTrue(points.err.contains("point_cloud yields points, not pixels"), points.err);
      assertTrue(Files.notExists(png));
    }
  }

  @Test
  void aPngOutputIsThePictureRenderDrawsAndAnotherExtensionIsRefusedBeforeReading() throws IOException {
    Path input = Fixtures.root().resolve("golden/tonic/inputs/nmnist_sample.npy");
    Path png = tmp.resolve("frames.png");
    Path rendered = tmp.resolve("rendered.png");
    CliOutput r = CliOutput.run("represent", input.toString(), "--sensor", "34x34x2", "--transform",
        "frame(n_time_bins=10)", "-o", png.toString());
    assertEquals(0, r.exitCode, r.err);
    assertEquals(0, EvshardCli.execute("render", input.toString(), "--sensor", "34x34x2", "--transform",
        "frame(n_time_bins=10)", "-o", rendered.toString()));
    assertNotNull(ImageIO.read(png.toFile()), "not a PNG");
    assertArrayEquals(Files.readAllBytes(rendered), Files.readAllBytes(png));
    assertTrue(r.out.startsWith("rendered 10 bins"), r.out);
    Path image = tmp.resolve("image.png");
    CliOutput one = CliOutput.run("represent", input.toString(), "--sensor", "34x34x2", "--transform", "image",
        "-o", image.toString());
    assertEquals(0, one.exitCode, one.err);
    assertTrue(one.out.startsWith("rendered 1 bin (1 x 1 tiles of 68x68)"), one.out);
    assertNotNull(ImageIO.read(image.toFile()), "not a PNG");

    Path jpg = tmp.resolve("frames.jpg");
    CliOutput bad = CliOutput.run("represent", tmp.resolve("missing.npy").toString(), "--sensor", "34x34x2",
        "--transform", "frame(n_time_bins=10)", "-o", jpg.toString());
    assertEquals(2, bad.exitCode);
    assertTrue(bad.err.startsWith("evshard represent: cannot tell what to write from the name " + jpg), bad.err);
    assertTrue(bad.err.contains(".npy") && bad.err.contains(".png"), bad.err);
    assertTrue(Files.notExists(jpg));
  }

  /**
   * A recording longer than the heap holds is an error naming the limit and the heap, not an OutOfMemoryError stack
   * trace: {@code represent} in a child JVM with {@code -Xmx64m} on 2.5 M events (the old code read and framed them;
   * with 30 M events and {@code -Xmx256m} it died with "Exception in thread main java.lang.OutOfMemoryError").
   */
  @Test
  void aRecordingTooLongForTheHeapIsAClearError() throws Exception {
    int n = 2_500_000;
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      x[i] = (short) (i % 34);
      y[i] = (short) (i / 34 % 34);
      t[i] = i;
    }
    Path in = tmp.resolve("long.npy");
    NpyEvents.write(in, Events.wrap(x, y, t, new boolean[n]));
    Path out = tmp.resolve("long-frames.npy");
    ChildJvm run = ChildJvm.evshard("64m", "represent", in.toString(), "--sensor", "34x34x2", "-t",
        "frame(n_time_bins=4)", "-o", out.toString());
    assertEquals(2, run.exit(), run.output());
    assertTrue(run.output().contains("event count of "), run.output());
    assertTrue(run.output().contains("that is the most one recording may hold in this JVM's maximum heap (64.0 MiB"),
        run.output());
    assertTrue(!run.output().contains("OutOfMemoryError") && !Files.exists(out), run.output());
  }

  /** represent demanded --sensor of a file that states its size, and took a contradicting one without a word. */
  @Test
  void aRecordingThatStatesItsSensorNeedsNoSensorAndAContradictingOneIsNoted() throws Exception {
    Path text = Files.writeString(tmp.resolve("stated.txt"), "40 30\n0.000001 39 29 1\n0.000002 0 0 0\n");
    Path out = tmp.resolve("stated.npy");
    CliOutput own = CliOutput.run("represent", text.toString(), "-t", "frame(n_time_bins=1)", "-o", out.toString());
    assertEquals(0, own.exitCode, own.err);
    assertEquals("", own.err);
    assertTrue(own.out.contains("[1, 2, 30, 40]"), own.out);
    CliOutput other = CliOutput.run("represent", text.toString(), "--sensor", "50x50x2", "-t", "frame(n_time_bins=1)",
        "-o", out.toString(), "--overwrite");
    assertEquals(0, other.exitCode, other.err);
    assertEquals("note: " + text + " states a 40x30 sensor; the --sensor 50x50x2 given is used\n", other.err);
    Path npy = tmp.resolve("unstated.npy");
    NpyEvents.write(npy, Events.wrap(new short[] {1}, new short[] {1}, new long[] {5}, new boolean[] {true}));
    CliOutput none = CliOutput.run("represent", npy.toString(), "-t", "frame(n_time_bins=1)", "-o",
        tmp.resolve("n.npy").toString());
    assertEquals(2, none.exitCode);
    assertTrue(none.err.contains("give --sensor WxHxP: " + npy + " does not state its sensor size"), none.err);
  }
}
