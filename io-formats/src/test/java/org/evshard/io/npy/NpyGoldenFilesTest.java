package org.evshard.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.evshard.io.Fixtures;
import org.evshard.io.events.Events;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;

/** Reads every NPY file numpy wrote for the Tonic golden cases, and writes them back byte for byte. */
class NpyGoldenFilesTest {

  private static Path golden() {
    Path dir = Fixtures.root().resolve("golden/tonic");
    assertTrue(Files.isDirectory(dir), dir + " is missing");
    return dir;
  }

  private static List<Path> npyFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.toString().endsWith(".npy")).sorted().toList();
    }
  }

  private static NpyHeader header(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      return NpyHeader.read(in, p.toString(), ReadOptions.DEFAULT_MAX_HEADER_BYTES);
    }
  }

  @Test
  void everyOutputHasTheShapeCasesJsonStates() throws IOException {
    Path dir = golden();
    JsonNode cases = new ObjectMapper().readTree(dir.resolve("cases.json").toFile()).get("cases");
    assertTrue(cases.size() > 0, "cases.json lists no cases");
    for (JsonNode c : cases) {
      Path out = dir.resolve(c.get("output").asText());
      long[] expected = new long[c.get("output_shape").size()];
      for (int i = 0; i < expected.length; i++) {
        expected[i] = c.get("output_shape").get(i).asLong();
      }
      NpyHeader h = header(out);
      assertArrayEquals(expected, h.shape(), c.get("name").asText());
      if (h.dtype().isStructured()) {
        assertEquals(expected[0], NpyEvents.read(out).size(), out.toString());
      } else {
        NpyArray a = NpyArray.read(out);
        assertArrayEquals(expected, a.shape(), out.toString());
        assertEquals(c.get("output_dtype").asText(), numpyName(a.type()), out.toString());
      }
    }
  }

  private static String numpyName(NpyScalarType t) {
    return t == NpyScalarType.BOOL ? "bool" : t.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void everyInputAndOutputReadsAndWritesBackByteForByte() throws IOException {
    Path dir = golden();
    List<Path> files = new ArrayList<>(npyFiles(dir.resolve("inputs")));
    files.addAll(npyFiles(dir.resolve("outputs")));
    assertTrue(files.size() > 10, "expected the golden NPY files, found " + files.size());
    for (Path p : files) {
      byte[] original = Files.readAllBytes(p);
      ByteArrayOutputStream again = new ByteArrayOutputStream();
      if (header(p).dtype().isStructured()) {
        Events e = NpyEvents.read(p);
        NpyEvents.write(again, e.x(), e.y(), e.t(), e.p(), 0, e.size());
      } else {
        NpyArray.read(p).write(again);
      }
      assertArrayEquals(original, again.toByteArray(), p + " written back differs from numpy's bytes");
    }
  }
}
