package org.evshard.io.prophesee;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.evshard.io.Fixtures;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Header fields, geometry sources, skipped counts, triggers and detection of the Prophesee formats. */
class PropheseeHeaderTest {

  private static EventReader open(String format, byte[] data, ReadOptions o) throws IOException {
    return EventFormats.defaults().byName(format).open(new ByteArrayInputStream(data), "h", o);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void evt2FixtureHeaderFieldsAndNoGeometry() throws IOException {
    byte[] data = Files.readAllBytes(Fixtures.file(PropheseeFixtures.EVT2));
    try (EventReader r = open("evt2", data, ReadOptions.defaults())) {
      assertEquals("30384338", r.headerFields().get("serial_number"));
      assertEquals("2.0", r.headerFields().get("evt"));
      assertEquals("2020-09-14 09:03:25", r.headerFields().get("Date"));
      assertTrue(r.geometry().isEmpty(), "the file states no geometry and none is guessed");
    }
    SensorGeometry vga = new SensorGeometry(640, 480);
    try (EventReader r = open("evt2", data, ReadOptions.defaults().withSensor(vga))) {
      assertEquals(vga, r.geometry().orElseThrow());
    }
  }

  @Test
  void geometryComesFromTheFormatLineTheGeometryLineOrDatWidthAndHeight() throws IOException {
    SensorGeometry caller = new SensorGeometry(1, 1);
    ReadOptions o = ReadOptions.defaults().withSensor(caller);
    try (EventReader r = open("evt2", ascii("% format EVT2;height=480;width=640\n"), o)) {
      assertEquals(new SensorGeometry(640, 480), r.geometry().orElseThrow(), "the file wins over the caller");
    }
    try (EventReader r = open("evt3", ascii("% evt 3.0\n% geometry 320x240\n% end\n"), o)) {
      assertEquals(new SensorGeometry(320, 240), r.geometry().orElseThrow());
    }
    ByteArrayOutputStream dat = new ByteArrayOutputStream();
    new DatWriter(dat, new SensorGeometry(304, 240)).close();
    try (EventReader r = open("dat", dat.toByteArray(), o)) {
      assertEquals(new SensorGeometry(304, 240), r.geometry().orElseThrow());
      assertEquals("2", r.headerFields().get("Version"));
    }
    byte[] ncars = Files.readAllBytes(Fixtures.file(PropheseeFixtures.DAT));
    try (EventReader r = open("dat", ncars, ReadOptions.defaults())) {
      assertTrue(r.geometry().isEmpty(), "N-CARS states no Width/Height");
    }
  }

  /** A file cut inside a header line (no line end) is truncated, not an empty recording, for every format. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"evt2", "evt21", "evt3", "dat"})
  void aFileCutInsideAHeaderLineIsTruncated(String format) throws IOException {
    for (String head : new String[] {"% evt", "% format EVT3;height=480;width=640\n% Date 2020-09-"}) {
      byte[] cut = ascii(head);
      org.evshard.io.error.CorruptInputException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.evshard.io.error.CorruptInputException.class, () -> {
            try (EventReader r = open(format, cut, ReadOptions.defaults())) {
              r.readAll(ReadOptions.defaults());
            }
          }, format + " " + head);
      assertEquals(cut.length, e.offset(), e.getMessage());
      assertTrue(e.getMessage().contains("the file ends inside a header line"), e.getMessage());
    }
  }

  @Test
  void evt2TriggersAndSkippedWords() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new SpecEvt2Encoder(out, "% evt 2.0\n")
        .cd(1, 1, 1, true)
        .timeHigh(10)
        .cd(3, 4, 5, false)
        .trigger(7, 2, true)
        .word(0xEL << 28)
        .word(0xFL << 28)
        .word(0xDL << 28)
        .timeHigh(0x0FFFFFFF)
        .cd(5, 6, 63, true)
        .timeHigh(0)
        .cd(7, 8, 0, true);
    try (EventReader r = open("evt2", out.toByteArray(), ReadOptions.defaults())) {
      Events e = r.readAll(ReadOptions.defaults());
      assertArrayEquals(new long[] {10 << 6 | 5, 0x0FFFFFFFL << 6 | 63, 1L << 34}, e.t());
      assertArrayEquals(new short[] {3, 5, 7}, e.x());
      assertEquals(Map.of("before-first-time-high", 1L, "trigger", 1L, "others", 1L, "continued", 1L,
          "reserved", 1L), r.skippedCounts());
    }
    try (EventReader r = open("evt2", out.toByteArray(), ReadOptions.defaults())) {
      r.nextChunk(new EventChunk(100));
      assertEquals(1, r.triggers().size());
      assertEquals(10 << 6 | 7, r.triggers().t(0));
      assertEquals(2, r.triggers().channel(0));
    }
  }

  @Test
  void evt3TriggersRepeatedTimeHighAndSkippedWords() throws IOException {
    byte[] words = {
        0x05, 0x00, // ADDR_Y 5 before the first TIME_HIGH: skipped
        0x01, (byte) 0x80, // TIME_HIGH 1
        0x02, 0x60, // TIME_LOW 2
        0x07, 0x00, // ADDR_Y 7
        0x0A, 0x28, // ADDR_X 10, ON
        0x01, (byte) 0x80, // TIME_HIGH 1 again: not a wrap
        0x01, (byte) 0xAA, // EXT_TRIGGER channel 10, rising
        0x14, (byte) 0xE0, // OTHERS
        0x00, (byte) 0x80, // TIME_HIGH 0: a wrap
        0x0B, 0x20}; // ADDR_X 11, OFF
    byte[] data = new byte[words.length + 10];
    System.arraycopy(ascii("% evt 3.0\n"), 0, data, 0, 10);
    System.arraycopy(words, 0, data, 10, words.length);
    try (EventReader r = open("evt3", data, ReadOptions.defaults())) {
      EventChunk c = new EventChunk(100);
      assertTrue(r.nextChunk(c)); // triggers() holds those of the latest chunk
      Events e = c.toEvents();
      assertArrayEquals(new long[] {1 << 12 | 2, 1L << 24 | 2}, e.t());
      assertArrayEquals(new short[] {7, 7}, e.y());
      assertArrayEquals(new boolean[] {true, false}, e.p());
      assertEquals(1, r.triggers().size());
      assertEquals(10, r.triggers().channel(0));
      assertEquals(1 << 12 | 2, r.triggers().t(0));
      assertEquals(Map.of("before-first-time-high", 1L, "trigger", 1L, "others", 1L), r.skippedCounts());
    }
  }

  @Test
  void detectionByHeaderThenByExtension(@TempDir Path tmp) throws IOException {
    EventFormats f = EventFormats.defaults();
    assertEquals("evt21", f.detect(write(tmp, "a.raw", "% format EVT21;endianness=legacy\n")).name());
    assertEquals("evt2", f.detect(write(tmp, "b.bin", "% evt 2.0\n")).name(), "header beats the extension");
    assertEquals("evt3", f.detect(write(tmp, "c.raw", "% Date today\n")).name(), ".raw alone opens as EVT 3.0");
    assertEquals("dat", f.detect(write(tmp, "d.bin", "% Data file containing CD events.\n")).name());
    assertEquals("dat", f.detect(write(tmp, "e.dat", "% Version 2\n")).name());
    assertEquals("evt3", f.detect(write(tmp, "f.raw", "% format ;;;\n")).name(), "a format line without a name "
        + "declares nothing (the reader then refuses it)");
  }

  private static Path write(Path dir, String name, String text) throws IOException {
    return Files.write(dir.resolve(name), ascii(text + "\0\0\0\0\0\0\0\0"));
  }
}
