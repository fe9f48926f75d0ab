package org.evshard.io.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TextEventReaderTest {

  private static TextEventReader reader(String text, TextLayout layout, ReadOptions o) throws IOException {
    return new TextEventReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "events.txt", o,
        layout);
  }

  private static Events read(String text, TextLayout layout) throws IOException {
    try (TextEventReader r = reader(text, layout, ReadOptions.defaults())) {
      return r.readAll(ReadOptions.defaults());
    }
  }

  @Test
  void rpgLinesInSecondsBecomeExactMicroseconds() throws IOException {
    // the first lines of the RPG event-camera dataset's events.txt (shapes_6dof) look like this
    Events e = read("0.003811000 96 133 0\n0.003820001 127 171 0\n0.003836000 4 160 1\n", TextLayout.rpg());
    assertArrayEquals(new long[] {3811, 3820, 3836}, e.t());
    assertArrayEquals(new short[] {96, 127, 4}, e.x());
    assertArrayEquals(new short[] {133, 171, 160}, e.y());
    assertArrayEquals(new boolean[] {false, false, true}, e.p());
  }

  @ParameterizedTest
  @CsvSource({"0.003811000, 3811", "1, 1000000", "1., 1000000", ".5, 500000", "0.0000009, 0",
      "1468940145.246984, 1468940145246984", "0.0000019999999999999999999, 1", "12.3456789, 12345678"})
  void secondsAreParsedOnTheDecimalDigits(String t, long micros) throws IOException {
    assertEquals(micros, read(t + " 0 0 1\n", TextLayout.rpg()).t()[0]);
  }

  @ParameterizedTest
  @CsvSource({"us, 1234, 1234", "us, 1234.9, 1234", "ms, 1.5, 1500", "ns, 1999, 1", "ns, 999, 0"})
  void otherUnits(String unit, String t, long micros) throws IOException {
    assertEquals(micros, read(t + " 0 0 1", new TextLayout("txyp", TextTimeUnit.parse(unit))).t()[0]);
  }

  @Test
  void agreesWithBigDecimalOnRandomTimestamps() throws IOException {
    Random r = new Random(11);
    StringBuilder text = new StringBuilder();
    long[] expected = new long[2000];
    for (int i = 0; i < expected.length; i++) {
      StringBuilder t = new StringBuilder().append(r.nextInt(100_000)).append('.');
      for (int d = r.nextInt(12); d >= 0; d--) {
        t.append((char) ('0' + r.nextInt(10)));
      }
      expected[i] = new BigDecimal(t.toString()).movePointRight(6).setScale(0, RoundingMode.DOWN).longValueExact();
      text.append(t).append(' ').append(r.nextInt(240)).append(' ').append(r.nextInt(180)).append(' ')
          .append(r.nextInt(2)).append('\n');
    }
    assertArrayEquals(expected, read(text.toString(), TextLayout.rpg()).t());
  }

  @Test
  void e2vidHeaderSetsTheGeometryAndCommentsAreSkipped() throws IOException {
    String text = "# made by hand\n240 180\n\n# comment\r\n0.1 1 2 1\r\n0.2\t3\t4\t0\n0.3, 5, 6, -1\n";
    try (TextEventReader r = reader(text, TextLayout.rpg(), ReadOptions.defaults())) {
      assertEquals(new SensorGeometry(240, 180), r.geometry().orElseThrow());
      Events e = r.readAll(ReadOptions.defaults());
      assertArrayEquals(new long[] {100_000, 200_000, 300_000}, e.t());
      assertArrayEquals(new short[] {1, 3, 5}, e.x());
      assertArrayEquals(new boolean[] {true, false, false}, e.p());
      assertEquals("240", r.headerFields().get("width"));
      assertEquals(text.length(), r.bytePosition());
    }
  }

  @Test
  void aLineOfColumnNamesIsSkippedAndTheOrderIsConfigurable() throws IOException {
    Events e = read("x,y,t,p\n10,20,1500,1\n", TextLayout.parse("order=xytp,unit=us"));
    assertArrayEquals(new long[] {1500}, e.t());
    assertArrayEquals(new short[] {10}, e.x());
    assertArrayEquals(new short[] {20}, e.y());
  }

  /**
   * What pandas writes from Tonic's events ({@code x,y,t,p}, t in integer microseconds) was read as RPG's
   * {@code t x y p} in seconds: x became t, y became x. The registered format reads the order the header names.
   */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "x,y,t,p\\n5,6,10,1\\n7,8,20,0\\n | xytp | us | 5,7 | 6,8 | 10,20 | true,false",
      "t,x,y,p\\n1000,5,6,1\\n2000,7,8,0\\n | txyp | us | 5,7 | 6,8 | 1000,2000 | true,false",
      "timestamp x y polarity\\n0.5 5 6 1\\n1.25 7 8 -1\\n | txyp | s | 5,7 | 6,8 | 500000,1250000 | true,false",
      "# exported\\n\\nP;X;Y;T\\n | pxyt | us | | | | ",
      "p x y t\\n1 3 4 77\\n0 2 1 78.5\\n | pxyt | us | 3,2 | 4,1 | 77,78 | true,false",
      "Y X T P\\n1 2 3.0 1\\n | yxtp | s | 2 | 1 | 3000000 | true"})
  void theRegisteredFormatReadsTheOrderItsHeaderNames(String text, String order, String unit, String x, String y,
      String t, String p) throws IOException {
    String file = text.replace("\\n", "\n").replace(";", ",");
    byte[] data = file.getBytes(StandardCharsets.UTF_8);
    try (var r = EventFormats.defaults().open(new ByteArrayInputStream(data), "events.csv", "events.csv", null,
        ReadOptions.defaults())) {
      Events e = r.readAll(ReadOptions.defaults());
      assertEquals(String.join(" ", order.split("")), r.headerFields().get("columns"), file);
      assertEquals(unit, r.headerFields().get("time_unit"), file);
      assertArrayEquals(x == null ? new short[0] : shorts(x), e.x());
      assertArrayEquals(y == null ? new short[0] : shorts(y), e.y());
      assertArrayEquals(t == null ? new long[0] : java.util.Arrays.stream(t.split(",")).mapToLong(Long::parseLong)
          .toArray(), e.t());
      if (p != null) {
        String[] ps = p.split(",");
        for (int i = 0; i < ps.length; i++) {
          assertEquals(Boolean.parseBoolean(ps[i]), e.p()[i]);
        }
      }
    }
  }

  private static short[] shorts(String csv) {
    String[] parts = csv.split(",");
    short[] out = new short[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Short.parseShort(parts[i]);
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "a,b,c,d\\n1,2,3,1\\n | 'a,b,c,d': expected the four column names t, x, y, p (or timestamp, polarity) once each, in any order, found 'a'",
      "x,x,t,p\\n1,2,3,1\\n | found 'x' twice"})
  void aHeaderNamingOtherColumnsIsRefused(String text, String message) {
    byte[] data = text.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> EventFormats.defaults().open(
        new ByteArrayInputStream(data), "events.csv", "events.csv", null, ReadOptions.defaults()));
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertEquals(0, e.offset());
  }

  @Test
  void aGivenLayoutRefusesAHeaderNamingAnotherOrder() {
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> read("x,y,t,p\n10,20,1500,1\n", TextLayout.rpg()));
    assertTrue(e.reason().contains("the header names the columns 'x,y,t,p' (order xytp), but this reader's layout is "
        + "order=txyp,unit=s"), e.getMessage());
  }

  @Test
  void geometryFallsBackToTheOptions() throws IOException {
    SensorGeometry g = new SensorGeometry(346, 260);
    try (TextEventReader r = reader("0.1 1 2 1\n", TextLayout.rpg(), ReadOptions.defaults().withSensor(g))) {
      assertEquals(g, r.geometry().orElseThrow());
    }
    try (TextEventReader r = reader("0.1 1 2 1\n", TextLayout.rpg(), ReadOptions.defaults())) {
      assertTrue(r.geometry().isEmpty());
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0.1 1 2 1\\n0.2 1 2 1\\n0.3 1 x 1\\n | 20 | line 3: y must be an unsigned integer",
      "0.1 1 2 1\\n0.2 1 2\\n | 10 | line 2: expected 4 columns (txyp), found 3",
      "0.1 1 2 1\\n0.2 1 2 1 7\\n | 10 | found more than 4",
      "0.1 1 2 1\\n1e-3 1 2 1\\n | 10 | no sign, no exponent",
      "0.1 1 2 2\\n | 0 | polarity must be 1, 0 or -1",
      "0.1 99999 2 1\\n | 0 | x 99999 is outside 0..32767",
      "-0.1 1 2 1\\n | 0 | timestamp must be a non-negative decimal",
      "99999999999999999 1 2 1\\n | 0 | overflows 64-bit microseconds",
      "240 180\\n0.1 1 2 1\\n320 240\\n | 18 | line 3: expected 4 columns",
  })
  void malformedLinesNameLineAndByteOffset(String text, long offset, String message) {
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> read(text.replace("\\n", "\n"), TextLayout.rpg()));
    assertEquals(offset, e.offset(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(e.getMessage().startsWith("events.txt at byte " + offset), e.getMessage());
  }

  @Test
  void emptyTruncatedAndBinaryInputsAreCorrupt() {
    CorruptInputException empty = assertThrows(CorruptInputException.class, () -> read("", TextLayout.rpg()));
    assertEquals("empty recording: 0 bytes", empty.reason());
    CorruptInputException cut = assertThrows(CorruptInputException.class,
        () -> read("0.1 1 2 1\n0.2 1", TextLayout.rpg()));
    assertTrue(cut.getMessage().contains("line 2: expected 4 columns (txyp), found 2"), cut.getMessage());
    byte[] binary = new byte[3 * TextEventReader.BUFFER_BYTES];
    new Random(3).nextBytes(binary);
    for (int i = 0; i < binary.length; i++) {
      binary[i] = binary[i] == '\n' ? 0 : binary[i];
    }
    CorruptInputException garbage = assertThrows(CorruptInputException.class, () -> {
      try (TextEventReader r = new TextEventReader(new ByteArrayInputStream(binary), "g.txt", ReadOptions.defaults(),
          TextLayout.rpg())) {
        r.readAll(ReadOptions.defaults());
      }
    });
    assertTrue(garbage.getMessage().contains("longer than 65536 bytes"), garbage.getMessage());
  }

  @Test
  void onlyCommentsGiveNoEvents() throws IOException {
    assertEquals(0, read("# nothing recorded\n", TextLayout.rpg()).size());
  }

  static String randomText(long seed, int n) {
    Random r = new Random(seed);
    StringBuilder b = new StringBuilder("# generated\n640 480\n");
    long t = 0;
    for (int i = 0; i < n; i++) {
      t += r.nextInt(50);
      b.append(t / 1_000_000).append('.').append(String.format("%06d", t % 1_000_000)).append(' ')
          .append(r.nextInt(640)).append(' ').append(r.nextInt(480)).append(' ').append(r.nextInt(2))
          .append(i % 7 == 0 ? "\r\n" : "\n");
      if (i % 1000 == 0) {
        b.append("# a comment line\n");
      }
    }
    return b.toString();
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 4096, 1_000_000})
  void chunkSizeDoesNotChangeTheEvents(int chunkSize) throws IOException {
    String text = randomText(5, 30_000);
    Events whole = read(text, TextLayout.rpg());
    assertEquals(30_000, whole.size());
    EventsBuilder chunked = new EventsBuilder();
    try (TextEventReader r = reader(text, TextLayout.rpg(), ReadOptions.defaults())) {
      EventChunk c = new EventChunk(chunkSize);
      while (r.nextChunk(c)) {
        assertTrue(c.size() > 0 && c.size() <= chunkSize);
        chunked.add(c);
      }
      assertEquals(text.length(), r.bytePosition());
    }
    assertEquals(whole, chunked.build());
  }

  @Test
  void linesSplitAcrossReadsAreCarriedOver() throws IOException {
    byte[] data = randomText(6, 5000).getBytes(StandardCharsets.US_ASCII);
    InputStream trickle = new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 3));
      }
    };
    ReadOptions o = ReadOptions.defaults().withChunkSize(5);
    try (TextEventReader r = new TextEventReader(trickle, "t", o, TextLayout.rpg())) {
      assertEquals(read(new String(data, StandardCharsets.US_ASCII), TextLayout.rpg()), r.readAll(o));
    }
  }

  @Test
  void registryOpensTxtAndCsvByExtension() throws IOException {
    EventFormats formats = EventFormats.defaults();
    byte[] data = "0.5 1 2 1\n".getBytes(StandardCharsets.US_ASCII);
    try (var r = formats.open(new ByteArrayInputStream(data), "events.txt", "events.txt", null,
        ReadOptions.defaults())) {
      assertEquals("text", r.formatName());
      assertEquals(500_000, r.readAll(ReadOptions.defaults()).t()[0]);
    }
    assertEquals("text", formats.byName("csv").name());
  }

  @Test
  void layoutOptionsAreValidated() {
    assertEquals(new TextLayout("xytp", TextTimeUnit.MICROSECONDS), TextLayout.parse(" order = XYTP , unit=us"));
    assertThrows(IllegalArgumentException.class, () -> new TextLayout("txy", TextTimeUnit.SECONDS));
    assertThrows(IllegalArgumentException.class, () -> new TextLayout("ttxy", TextTimeUnit.SECONDS));
    assertThrows(IllegalArgumentException.class, () -> TextLayout.parse("unit=minutes"));
    assertThrows(IllegalArgumentException.class, () -> TextLayout.parse("speed=1"));
  }
}
