package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.evshard.io.Fixtures;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.npy.NpyEvents;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 3's acceptance: every real recording in {@code fixtures/events/index.json} decodes through
 * {@code evshard decode FILE -o OUT.npy} (the picocli entry point, format detected) to exactly its reference decode:
 * the same count and every x, y, t, p.
 */
class FixtureDecodeTest {

  @TempDir
  Path tmp;

  static Stream<Arguments> indexedFiles() throws Exception {
    Path root = Fixtures.root();
    JsonNode index = new ObjectMapper().readTree(root.resolve("fixtures/events/index.json").toFile());
    List<Arguments> cases = new ArrayList<>();
    for (JsonNode f : index.get("files")) {
      cases.add(Arguments.of(f.get("file").asText(), f));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("indexedFiles")
  void decodeCommandGivesTheReferenceDecodeExactly(String file, JsonNode entry) throws Exception {
    Path in = Fixtures.file("fixtures/events/" + file);
    Path reference = Fixtures.file("fixtures/events/" + entry.get("reference").asText());
    Path out = tmp.resolve("out.npy");
    List<String> args = new ArrayList<>(List.of("decode", in.toString(), "-o", out.toString()));
    JsonNode sensor = entry.get("sensor");
    if (sensor != null && sensor.isArray() && fileStatesNoGeometry(in)) {
      args.add("--sensor");
      args.add(new SensorGeometry(sensor.get(0).asInt(), sensor.get(1).asInt()).toString());
    }
    assertEquals(0, EvshardCli.execute(args.toArray(String[]::new)), "exit code of " + args);

    Events expected = NpyEvents.read(reference);
    Events actual = NpyEvents.read(out);
    assertEquals(entry.get("count").asLong(), expected.size(), "index count vs reference of " + file);
    assertEquals(expected.size(), actual.size(), "event count of " + file);
    for (int i = 0; i < expected.size(); i++) {
      int at = i;
      assertEquals(expected.x()[i], actual.x()[i], () -> "x of event " + at + " of " + file);
      assertEquals(expected.y()[i], actual.y()[i], () -> "y of event " + at + " of " + file);
      assertEquals(expected.t()[i], actual.t()[i], () -> "t of event " + at + " of " + file);
      assertEquals(expected.p()[i], actual.p()[i], () -> "p of event " + at + " of " + file);
    }
    assertEquals(expected, actual);
  }

  private static boolean fileStatesNoGeometry(Path in) {
    try (EventReader r = EventFormats.defaults().open(in, null, ReadOptions.defaults())) {
      Optional<SensorGeometry> g = r.geometry();
      return g.isEmpty();
    } catch (Exception e) {
      return true; // e.g. a DAVIS file of unknown size that cannot open without a geometry
    }
  }
}
