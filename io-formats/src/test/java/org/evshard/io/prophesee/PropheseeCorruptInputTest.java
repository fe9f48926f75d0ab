package org.evshard.io.prophesee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.evshard.io.Fixtures;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged versions of every Prophesee input (the three real fixtures and a spec-built EVT 2.1 file) either read or
 * fail with an {@link EvshardIoException} naming the source and a byte offset; no other exception escapes.
 */
class PropheseeCorruptInputTest {

  private static final String SOURCE = "damaged-input";

  record Input(String name, EventFormat format, byte[] data, int wordBytes) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> inputs() throws IOException {
    return Stream.of(
        Arguments.of(new Input("evt2 fixture", new Evt2Format(), fixture(PropheseeFixtures.EVT2), 4)),
        Arguments.of(new Input("evt3 fixture", new Evt3Format(), fixture(PropheseeFixtures.EVT3), 2)),
        Arguments.of(new Input("dat fixture", new DatFormat(), fixture(PropheseeFixtures.DAT), 8)),
        Arguments.of(new Input("spec-built evt21", new Evt21Format(),
            Evt21ReaderTest.randomSample(3, 3000, true).data(), 8)));
  }

  private static byte[] fixture(String path) throws IOException {
    return Files.readAllBytes(Fixtures.file(path));
  }

  /** Reads everything; returns the error, or null when the input read cleanly. */
  private static EvshardIoException readAll(Input in, byte[] data, ReadOptions o) throws IOException {
    try (EventReader r = in.format().open(new ByteArrayInputStream(data), SOURCE, o)) {
      EventChunk c = new EventChunk(o.chunkSize());
      while (r.nextChunk(c)) {
        assertTrue(c.size() > 0);
      }
      assertEquals(data.length, r.bytePosition());
      return null;
    } catch (EvshardIoException e) {
      assertEquals(SOURCE, e.source(), e.getMessage());
      assertTrue(e.getMessage().startsWith(SOURCE + " at byte "), e.getMessage());
      assertTrue(e.offset() >= 0 && e.offset() <= data.length, e.getMessage());
      return e;
    }
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void zeroLengthIsAnErrorAtOffsetZero(Input in) throws IOException {
    EvshardIoException e = readAll(in, new byte[0], ReadOptions.defaults());
    assertTrue(e instanceof CorruptInputException, String.valueOf(e));
    assertEquals(0, e.offset());
    assertEquals("empty recording: 0 bytes", e.reason());
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void aTrailingPartialWordIsAnErrorAtItsOffset(Input in) throws IOException {
    for (int cut = 1; cut < in.wordBytes(); cut++) {
      byte[] data = Arrays.copyOf(in.data(), in.data().length - cut);
      EvshardIoException e = readAll(in, data, ReadOptions.defaults().withChunkSize(4096));
      assertTrue(e instanceof CorruptInputException, "cut " + cut + ": " + e);
      assertEquals(in.data().length - in.wordBytes(), e.offset(), e.getMessage());
      int rest = in.wordBytes() - cut;
      String word = (in.wordBytes() == 8 ? "an " : "a ") + in.wordBytes() + "-byte word"; // "an 8-byte" (EVT 2.1, DAT)
      assertTrue(e.reason().contains("ends " + rest + (rest == 1 ? " byte" : " bytes") + " into " + word),
          e.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void truncatedAnywhereReadsOrFailsTyped(Input in) throws IOException {
    Random r = new Random(in.name().hashCode());
    for (int i = 0; i < 50; i++) {
      int keep = i < 5 ? i + 1 : r.nextInt(Math.min(in.data().length, 4000));
      readAll(in, Arrays.copyOf(in.data(), keep), ReadOptions.defaults().withChunkSize(1 + r.nextInt(100)));
    }
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void bitFlipsAnywhereReadOrFailTyped(Input in) throws IOException {
    Random r = new Random(in.name().hashCode() + 1);
    for (int i = 0; i < 200; i++) {
      byte[] data = in.data().clone();
      // half the flips land in the first 512 bytes, where the header and the first time base are
      int at = i % 2 == 0 ? r.nextInt(Math.min(512, data.length)) : r.nextInt(data.length);
      data[at] ^= (byte) (1 << r.nextInt(8));
      readAll(in, data, ReadOptions.defaults().withChunkSize(1 + r.nextInt(5000)));
    }
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void aHeaderDeclaringAnotherEncodingIsRefused(Input in) throws IOException {
    // the first "% format" line decides the encoding
    String other = in.format() instanceof Evt3Format ? "% format EVT2\n" : "% format EVT3\n";
    byte[] head = other.getBytes(StandardCharsets.US_ASCII);
    byte[] data = new byte[head.length + in.data().length];
    System.arraycopy(head, 0, data, 0, head.length);
    System.arraycopy(in.data(), 0, data, head.length, in.data().length);
    EvshardIoException e = readAll(in, data, ReadOptions.defaults());
    assertTrue(e instanceof UnsupportedFormatException, String.valueOf(e));
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void aFormatLineWithoutAnEncodingNameIsAnErrorAtItsLine(Input in) throws IOException {
    // found by fuzzing: "% format ;;;" made String.split return no part at all (ArrayIndexOutOfBoundsException)
    for (String line : new String[] {"% format ;;;;\n", "% format ;height=2;width=3\n", "% format\n"}) {
      byte[] data = ("% Date today\n" + line + "% end\n").getBytes(StandardCharsets.US_ASCII);
      EvshardIoException e = readAll(in, data, ReadOptions.defaults());
      assertTrue(e instanceof CorruptInputException, line + ": " + e);
      assertEquals(13, e.offset(), e.getMessage());
      assertTrue(e.reason().startsWith("expected an encoding name in '% format NAME;...', found '% format"),
          e.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void aHeaderLargerThanTheLimitIsRefused(Input in) throws IOException {
    EvshardIoException e = readAll(in, in.data(), ReadOptions.defaults().withMaxHeaderBytes(20));
    assertTrue(e instanceof LimitExceededException, String.valueOf(e));
    assertTrue(e.reason().contains("exceeds the limit of 20"), e.getMessage());
  }

  @ParameterizedTest
  @MethodSource("inputs")
  void anEndlessHeaderLineIsRefusedWithoutReadingItAll(Input in) throws IOException {
    byte[] data = new byte[3 << 20];
    Arrays.fill(data, (byte) 'a');
    data[0] = '%';
    EvshardIoException e = readAll(in, data, ReadOptions.defaults());
    assertTrue(e instanceof LimitExceededException, String.valueOf(e));
  }

  @Test
  void aDatEventSizeOtherThanEightIsAnErrorAtThatByte() throws IOException {
    byte[] data = fixture(PropheseeFixtures.DAT);
    int sizeAt = 92; // the N-CARS header is 91 bytes, then the type byte
    assertEquals(8, data[sizeAt]);
    data[sizeAt] = 16;
    Input in = new Input("dat", new DatFormat(), data, 8);
    EvshardIoException e = readAll(in, data, ReadOptions.defaults());
    assertTrue(e instanceof CorruptInputException, String.valueOf(e));
    assertEquals(sizeAt, e.offset());
  }

  @Test
  void aBadGeometryInTheHeaderIsAnErrorAtItsLine() throws IOException {
    byte[] data = "% evt 3.0\n% format EVT3;height=abc;width=10\n% end\n".getBytes(StandardCharsets.US_ASCII);
    Input in = new Input("evt3", new Evt3Format(), data, 2);
    EvshardIoException e = readAll(in, data, ReadOptions.defaults());
    assertTrue(e instanceof CorruptInputException, String.valueOf(e));
    assertEquals(10, e.offset());
  }

  /** 60 MB of EXT_TRIGGER words and no event held every trigger until the heap was gone (one chunk never filled). */
  @Test
  void triggersWithoutEventsStopAtTheHeldLimitNamingTheOffset() throws IOException {
    SpecEvt3Words w = new SpecEvt3Words("% evt 3.0\n% format EVT3;height=480;width=640\n% end\n");
    w.timeHigh(1);
    int n = org.evshard.io.events.TriggerEvents.MAX_HELD + 10;
    for (int i = 0; i < n; i++) {
      w.trigger(i & 3, (i & 1) == 0);
    }
    byte[] file = w.bytes();
    try (EventReader r = new Evt3Format().open(new ByteArrayInputStream(file), SOURCE, ReadOptions.defaults())) {
      LimitExceededException e = org.junit.jupiter.api.Assertions.assertThrows(LimitExceededException.class,
          () -> r.nextChunk(new EventChunk(1024)));
      assertEquals(SOURCE, e.source());
      assertTrue(e.offset() > w.headerBytes() && e.offset() <= file.length, "offset " + e.offset());
      assertEquals(org.evshard.io.events.TriggerEvents.MAX_HELD, e.limit());
      assertTrue(e.reason().startsWith("triggers met while one chunk of events fills of 2097153 exceeds the limit of "
          + "2097152; a stream of trigger records"), e.reason());
    }
  }

  /** 5,462 empty VECT_12 words pushed the base past 65,535: x wrapped to 8..15, plausible pixels of a 1280 row. */
  @Test
  void aVectorBaseRunningPastTheSensorNeverWrapsIntoIt() throws IOException {
    SpecEvt3Words w = new SpecEvt3Words("% evt 3.0\n% format EVT3;height=720;width=1280\n% end\n");
    w.timeHigh(1).timeLow(5).addrY(10).vectBaseX(0, false);
    for (int i = 0; i < 5462; i++) {
      w.vect12(0);
    }
    w.vect8(0xFF);
    try (EventReader r = new Evt3Format().open(new ByteArrayInputStream(w.bytes()), SOURCE, ReadOptions.defaults())) {
      org.evshard.io.events.Events e = r.readAll(ReadOptions.defaults());
      assertEquals(8, e.size());
      for (int i = 0; i < 8; i++) {
        assertTrue(e.x()[i] >= Evt3Reader.MAX_BASE_X, "x " + e.x()[i]);
      }
    }
  }
}
