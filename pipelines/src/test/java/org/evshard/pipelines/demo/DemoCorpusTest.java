package org.evshard.pipelines.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.evshard.io.events.Events;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCorpusTest {

  @TempDir
  Path tmp;

  @Test
  void writesRealNmnistFilesThatReadBackAsTheSimulatedRecordings() throws Exception {
    DemoCorpus.Written w = DemoCorpus.write(tmp, 2, 1, 0.2, 9);
    assertEquals(30, w.recordings());
    long files;
    try (Stream<Path> s = Files.walk(tmp)) {
      files = s.filter(p -> p.toString().endsWith(".bin")).count();
    }
    assertEquals(30, files);
    // every file holds the recording of its own digit and seed (they are simulated in parallel)
    long events = 0;
    for (String split : new String[] {"Train", "Test"}) {
      for (int digit = 0; digit < 10; digit++) {
        for (int i = 0; i < (split.equals("Train") ? 2 : 1); i++) {
          long seed = 9 * 1_000_003L + (split.equals("Train") ? 0 : 500_000) + digit * 10_007L + i;
          Events expected = DemoCorpus.recording(digit, seed, 0.2);
          Path file = tmp.resolve(split + "/" + digit + "/0000" + i + ".bin");
          try (EventReader r = EventFormats.defaults().open(file, null, ReadOptions.defaults())) {
            assertEquals("atis-bin", r.formatName());
            assertEquals(expected, r.readAll(ReadOptions.defaults()), file.toString());
          }
          assertTrue(expected.size() > 500, "a digit recording should hold many events, got " + expected.size());
          events += expected.size();
        }
      }
    }
    assertEquals(events, w.events());
  }

  @Test
  void digitsDifferFromEachOther() {
    float[] one = DigitGlyphs.render(1, 34, 5);
    float[] eight = DigitGlyphs.render(8, 34, 5);
    double ink1 = 0;
    double ink8 = 0;
    for (int i = 0; i < one.length; i++) {
      ink1 += one[i];
      ink8 += eight[i];
    }
    assertTrue(ink8 > ink1 * 1.3, "an 8 has more ink than a 1: " + ink8 + " vs " + ink1);
  }
}
