package org.evshard.io.tar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.evshard.io.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebDatasetWriterTest {

  static byte[] reshard(List<WebDatasetSample> samples) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (WebDatasetWriter w = new WebDatasetWriter(out)) {
      for (WebDatasetSample s : samples) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (TarMember t : s.members()) {
          m.put(t.extension(), t.bytes());
        }
        w.write(s.key(), m);
      }
      assertEquals(samples.size(), w.samplesWritten());
    }
    return out.toByteArray();
  }

  @Test
  void reshardingTheRealShardRoundTripsEverySampleAndIsDeterministic() throws IOException {
    List<WebDatasetSample> original;
    try (WebDatasetReader r = WebDatasetReader.open(Fixtures.file("fixtures/images/webdataset/sample.tgz"))) {
      original = TestTars.readAll(r);
    }
    byte[] tar = reshard(original);
    assertArrayEquals(tar, reshard(original), "same samples, same bytes");
    List<WebDatasetSample> back;
    try (WebDatasetReader r = TestTars.reader(tar, TarLimits.defaults())) {
      back = TestTars.readAll(r);
      assertEquals(0, r.skipCounts().total());
    }
    assertEquals(original.size(), back.size());
    for (int i = 0; i < original.size(); i++) {
      WebDatasetSample a = original.get(i);
      WebDatasetSample b = back.get(i);
      assertEquals(a.key(), b.key());
      assertEquals(a.extensions().stream().sorted().toList(), b.extensions());
      for (String ext : a.extensions()) {
        assertArrayEquals(a.member(ext).orElseThrow().bytes(), b.member(ext).orElseThrow().bytes());
      }
    }
  }

  @Test
  void writesMembersSortedByExtensionWithFixedMetadata() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("txt", "caption".getBytes(StandardCharsets.UTF_8));
    m.put("jpg", new byte[] {1, 2});
    m.put("json", "{}".getBytes(StandardCharsets.UTF_8));
    String longKey = "d/" + "k".repeat(120) + "/\u00e9t\u00e9";
    try (WebDatasetWriter w = new WebDatasetWriter(out)) {
      w.write("00000/000000007", m);
      w.write(longKey, Map.of("jpg", new byte[3]));
    }
    List<String> names = new ArrayList<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()), "UTF-8")) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        names.add(e.getName());
        assertEquals(0, e.getModTime().getTime());
        assertEquals(0, e.getLongUserId());
        assertEquals(0, e.getLongGroupId());
        assertEquals("", e.getUserName());
        assertEquals(0100644, e.getMode());
        assertEquals(true, e.isFile());
      }
    }
    assertEquals(List.of("00000/000000007.jpg", "00000/000000007.json", "00000/000000007.txt", longKey + ".jpg"),
        names);
    assertEquals(0, out.size() % 512);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a.b|jpg", // a dot in the key's basename would move the split
      "a|JPG", // read back lower-cased
      "a|", // empty extension
      "a|x/y", // a slash in the extension
      "/abs|jpg",
      "../up|jpg",
      "__meta__/x|json",
      "|jpg"})
  void rejectsNamesThatWouldNotReadBackAsTheSameSample(String key, String ext) {
    WebDatasetWriter w = new WebDatasetWriter(new ByteArrayOutputStream());
    assertThrows(IllegalArgumentException.class,
        () -> w.write(key == null ? "" : key, Map.of(ext == null ? "" : ext, new byte[1])));
  }

  @Test
  void rejectsARepeatedKeyAndAnEmptySample() throws IOException {
    WebDatasetWriter w = new WebDatasetWriter(new ByteArrayOutputStream());
    w.write("a", Map.of("jpg", new byte[1]));
    assertThrows(IllegalArgumentException.class, () -> w.write("a", Map.of("txt", new byte[1])));
    assertThrows(IllegalArgumentException.class, () -> w.write("b", Map.of()));
    w.write("b", Map.of("txt", new byte[1]));
    w.close();
  }
}
