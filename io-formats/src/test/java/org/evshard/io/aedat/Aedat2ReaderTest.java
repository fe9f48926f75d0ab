package org.evshard.io.aedat;

import static org.evshard.io.aedat.AedatTestSupport.assertSameEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.evshard.io.Fixtures;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.npy.NpyEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Aedat2ReaderTest {

  static final String DAVIS = "fixtures/events/aedat2/IMU_translBoxes.aedat";

  private static Aedat2Reader open(Path p) throws IOException {
    return new Aedat2Reader(Files.newInputStream(p), p.toString(), ReadOptions.defaults(), Aedat2Axes.JAER);
  }

  @Test
  void decodesTheDavis240FixtureExactlyAsTheReference() throws IOException {
    Path file = Fixtures.file(DAVIS);
    Events expected = NpyEvents.read(Fixtures.file(DAVIS + ".ref.npy"));
    try (Aedat2Reader r = open(file)) {
      assertEquals(new SensorGeometry(240, 180), r.geometry().orElseThrow());
      assertSameEvents(expected, r.readAll(ReadOptions.defaults()));
      assertEquals(Files.size(file), r.bytePosition());
      Map<String, Long> skipped = r.skippedCounts();
      assertTrue(skipped.getOrDefault("aps-imu", 0L) > 0, skipped.toString());
      assertEquals("DAVIS", r.headerFields().get("address-layout"));
      assertEquals("eu.seebetter.ini.chips.davis.DAVIS240C", r.headerFields().get("chip"));
      long records = (Files.size(file) - Long.parseLong(r.headerFields().get("header-bytes"))) / 8;
      long accounted = expected.size() + skipped.values().stream().mapToLong(Long::longValue).sum();
      assertEquals(records, accounted, "every record is an event or counted as skipped: " + skipped);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 4096, 1_000_000})
  void chunkSizeDoesNotChangeTheEvents(int chunkSize) throws IOException {
    Path file = Fixtures.file(DAVIS);
    Events whole;
    try (Aedat2Reader r = open(file)) {
      whole = r.readAll(ReadOptions.defaults());
    }
    try (Aedat2Reader r = open(file)) {
      assertEquals(whole, AedatTestSupport.readChunked(r, chunkSize));
    }
  }

  @Test
  void readsTheRealHeadersForChipAndGeometry() throws IOException {
    assertChip("fixtures/events/aedat2/headers_Mibblez/header_test_128.aedat_test", "DVS128", 128, 128);
    assertChip("fixtures/events/aedat2/headers_Mibblez/header_test_240.aedat_test", "DAVIS", 240, 180);
    assertChip("fixtures/events/aedat2/sample_aedat_header.aedat", "DAVIS", 346, 260);
  }

  private static void assertChip(String fixture, String layout, int w, int h) throws IOException {
    Path p = Fixtures.file(fixture);
    try (Aedat2Reader r = open(p)) {
      assertEquals(layout, r.headerFields().get("address-layout"), fixture);
      assertEquals(new SensorGeometry(w, h), r.geometry().orElseThrow(), fixture);
    }
  }

  /** Spec-built DVS128 records, encoded here from CONVENTIONS.md independently of the reader. */
  static byte[] specBuiltDvs128(int[][] records) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write(("#!AER-DAT2.0\r\n# AEChip: ch.unizh.ini.jaer.chip.retina.DVS128\r\n").getBytes(StandardCharsets.US_ASCII));
    DataOutputStream d = new DataOutputStream(b);
    for (int[] r : records) {
      d.writeInt(r[0]);
      d.writeInt(r[1]);
    }
    return b.toByteArray();
  }

  private static int dvs128Address(int rawX, int rawY, int bit0) {
    return rawY << 8 | rawX << 1 | bit0;
  }

  @Test
  void specBuiltDvs128RecordsFollowJaerAndSpikingJellyAxes() throws IOException {
    byte[] data = specBuiltDvs128(new int[][] {
        {dvs128Address(3, 10, 0), 100}, // ON
        {0x8000, 150}, // external input
        {dvs128Address(127, 0, 1), 200}}); // OFF
    ReadOptions o = ReadOptions.defaults();
    try (Aedat2Reader r = new Aedat2Reader(new ByteArrayInputStream(data), "dvs128", o, Aedat2Axes.JAER)) {
      Events e = r.readAll(o);
      assertEquals(Events.wrap(new short[] {124, 0}, new short[] {117, 127}, new long[] {100, 200},
          new boolean[] {true, false}), e);
      assertEquals(Map.of("trigger", 1L), r.skippedCounts());
    }
    try (Aedat2Reader r = new Aedat2Reader(new ByteArrayInputStream(data), "dvs128", o,
        Aedat2Axes.SPIKINGJELLY_CIFAR10DVS)) {
      Events e = r.readAll(o);
      assertEquals(Events.wrap(new short[] {117, 127}, new short[] {124, 0}, new long[] {100, 200},
          new boolean[] {true, false}), e);
    }
  }

  /**
   * A header without a chip line: refused under jAER's axes (DVS128 or DAVIS cannot be told), read as DVS128 under a
   * dataset's DVS128 convention (CIFAR10-DVS's files were refused; SpikingJelly never reads the header).
   */
  @Test
  void aHeaderWithoutAChipIsDvs128UnderADvs128ConventionOnly() throws IOException {
    byte[] withChip = specBuiltDvs128(new int[][] {{dvs128Address(3, 10, 0), 100}, {dvs128Address(127, 0, 1), 200}});
    String chipLine = "# AEChip: ch.unizh.ini.jaer.chip.retina.DVS128\r\n";
    byte[] data = new String(withChip, StandardCharsets.ISO_8859_1).replace(chipLine, "# Timestamps tick is 1 us\r\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    ReadOptions o = ReadOptions.defaults();
    UnsupportedFormatException e = org.junit.jupiter.api.Assertions.assertThrows(UnsupportedFormatException.class,
        () -> new Aedat2Reader(new ByteArrayInputStream(data), "nochip", o, Aedat2Axes.JAER));
    assertTrue(e.getMessage().contains("the header names no chip class evshard knows"), e.getMessage());
    try (Aedat2Reader r = new Aedat2Reader(new ByteArrayInputStream(data), "nochip", o,
        Aedat2Axes.SPIKINGJELLY_CIFAR10DVS)) {
      assertEquals(new SensorGeometry(128, 128), r.geometry().orElseThrow());
      assertEquals(Events.wrap(new short[] {117, 127}, new short[] {124, 0}, new long[] {100, 200},
          new boolean[] {true, false}), r.readAll(o));
    }
  }

  @Test
  void externalInputsComeOutAsTriggersOfTheirChunk() throws IOException {
    byte[] data = specBuiltDvs128(new int[][] {{dvs128Address(1, 1, 0), 5}, {0x8000, 7}, {dvs128Address(2, 2, 0), 9}});
    ReadOptions o = ReadOptions.defaults();
    try (Aedat2Reader r = new Aedat2Reader(new ByteArrayInputStream(data), "t", o, Aedat2Axes.JAER)) {
      org.evshard.io.events.EventChunk c = new org.evshard.io.events.EventChunk(16);
      assertTrue(r.nextChunk(c));
      assertEquals(2, c.size());
      assertEquals(1, r.triggers().size());
      assertEquals(7, r.triggers().t(0));
    }
  }
}
