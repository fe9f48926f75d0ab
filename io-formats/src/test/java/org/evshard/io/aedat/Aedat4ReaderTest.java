package org.evshard.io.aedat;

import static org.evshard.io.aedat.AedatTestSupport.assertSameEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.evshard.io.Fixtures;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.npy.NpyEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Aedat4ReaderTest {

  static final String SAMPLE = "fixtures/events/aedat4/sample.aedat4";

  private static Aedat4Reader open(Path p) throws IOException {
    return new Aedat4Reader(Files.newInputStream(p), p.toString(), ReadOptions.defaults());
  }

  @Test
  void decodesTheDvxplorerSampleExactlyAsTheReference() throws IOException {
    Path file = Fixtures.file(SAMPLE);
    Events expected = NpyEvents.read(Fixtures.file(SAMPLE + ".ref.npy"));
    try (Aedat4Reader r = open(file)) {
      assertEquals(new SensorGeometry(320, 240), r.geometry().orElseThrow());
      assertSameEvents(expected, r.readAll(ReadOptions.defaults()));
      Map<String, String> h = r.headerFields();
      assertEquals("LZ4", h.get("compression"));
      assertEquals("0:EVTS:events, 2:IMUS:imu, 3:TRIG:triggers", h.get("streams"));
      assertEquals("DVXplorer_DXB00010", h.get("camera"));
      assertEquals(Map.of("imus-packets", 59L), r.skippedCounts());
      assertEquals(Long.parseLong(h.get("data-table-position")), r.bytePosition(), "stops at the data table");
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 4096, 1_000_000})
  void chunkSizeDoesNotChangeTheEvents(int chunkSize) throws IOException {
    Path file = Fixtures.file(SAMPLE);
    Events whole;
    try (Aedat4Reader r = open(file)) {
      whole = r.readAll(ReadOptions.defaults());
    }
    try (Aedat4Reader r = open(file)) {
      assertEquals(whole, AedatTestSupport.readChunked(r, chunkSize));
    }
    assertTrue(whole.size() > 0);
  }
}
