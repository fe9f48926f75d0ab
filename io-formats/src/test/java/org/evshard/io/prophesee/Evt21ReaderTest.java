package org.evshard.io.prophesee;

import static org.evshard.io.prophesee.PropheseeFixtures.assertSameEvents;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Random;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * EVT 2.1 reader tests. No real EVT 2.1 recording is available: every input is built byte by byte from the
 * specification with {@link SpecEvt21Encoder}, which shares no code with the reader.
 */
class Evt21ReaderTest {

  static final String LITTLE = "% evt 2.1\n% format EVT21;height=720;width=1280\n% end\n";
  static final String LEGACY = "% evt 2.1\n% format EVT21;endianness=legacy;height=720;width=1280\n% end\n";

  /** A spec-built EVT 2.1 file and the events it holds. */
  record Sample(byte[] data, Events events) {}

  /** A random stream of TIME_HIGH, vector, trigger and OTHERS words, about {@code words} long. */
  static Sample randomSample(long seed, int words, boolean legacy) {
    Random r = new Random(seed);
    SpecEvt21Encoder e = new SpecEvt21Encoder(legacy ? LEGACY : LITTLE, legacy);
    EventsBuilder expected = new EventsBuilder();
    long th = 1000 + r.nextInt(1000);
    e.timeHigh(th);
    for (int i = 0; i < words; i++) {
      int kind = r.nextInt(100);
      if (kind < 10) {
        th += r.nextInt(3);
        e.timeHigh(th);
      } else if (kind < 12) {
        e.trigger(r.nextInt(64), r.nextInt(32), r.nextBoolean());
      } else if (kind < 13) {
        e.word(0xEL << 60 | r.nextInt());
      } else {
        int x = 32 * r.nextInt(40);
        int y = r.nextInt(720);
        int lsb = r.nextInt(64);
        boolean on = r.nextBoolean();
        int mask = kind < 20 ? -1 : r.nextInt() & r.nextInt();
        e.vector(x, y, lsb, on, mask);
        for (int b = 0; b < 32; b++) {
          if ((mask >>> b & 1) != 0) {
            expected.add((short) (x + b), (short) y, th << 6 | lsb, on);
          }
        }
      }
    }
    return new Sample(e.toByteArray(), expected.build());
  }

  private static Events read(byte[] data, int chunkSize) throws IOException {
    return PropheseeFixtures.read(new Evt21Format(), data, chunkSize);
  }

  @Test
  void specBuiltEvt21_decodesVectorsTimeHighAndTriggers() throws IOException {
    byte[] data = new SpecEvt21Encoder(LITTLE, false)
        .timeHigh(5)
        .vector(64, 7, 3, true, 0b1011)
        .trigger(9, 17, true)
        .timeHigh(6)
        .vector(1248, 719, 63, false, 0x8000_0001)
        .toByteArray();
    ReadOptions o = ReadOptions.defaults();
    try (Evt21Reader r = new Evt21Reader(new ByteArrayInputStream(data), "spec", o)) {
      assertFalse(r.legacyEndianness());
      assertEquals(new SensorGeometry(1280, 720), r.geometry().orElseThrow());
      EventChunk c = new EventChunk(100);
      assertTrue(r.nextChunk(c));
      Events e = c.toEvents();
      assertArrayEquals(new short[] {64, 65, 67, 1248, 1279}, e.x());
      assertArrayEquals(new short[] {7, 7, 7, 719, 719}, e.y());
      assertArrayEquals(new long[] {5 << 6 | 3, 5 << 6 | 3, 5 << 6 | 3, 6 << 6 | 63, 6 << 6 | 63}, e.t());
      assertArrayEquals(new boolean[] {true, true, true, false, false}, e.p());
      assertEquals(1, r.triggers().size());
      assertEquals(5 << 6 | 9, r.triggers().t(0));
      assertEquals(17, r.triggers().channel(0));
      assertTrue(r.triggers().rising(0));
      assertEquals(Map.of("trigger", 1L), r.skippedCounts());
    }
  }

  @Test
  void specBuiltEvt21_legacyEndiannessGivesTheSameEventsAsLittle() throws IOException {
    Sample little = randomSample(7, 2000, false);
    Sample legacy = randomSample(7, 2000, true);
    assertFalse(java.util.Arrays.equals(little.data(), legacy.data()), "the byte layouts differ");
    assertSameEvents(little.events(), read(little.data(), 4096));
    assertSameEvents(legacy.events(), read(legacy.data(), 4096));
    try (Evt21Reader r = new Evt21Reader(new ByteArrayInputStream(legacy.data()), "legacy", ReadOptions.defaults())) {
      assertTrue(r.legacyEndianness());
    }
  }

  @Test
  void specBuiltEvt21_legacyWordMatchesTheSpecificationsByteExample() throws IOException {
    // the specification's example: word 0x0102030405060708 travels as 04 03 02 01 08 07 06 05 on IMX636
    byte[] bytes = new SpecEvt21Encoder("", true).word(0x0102030405060708L).toByteArray();
    assertArrayEquals(new byte[] {4, 3, 2, 1, 8, 7, 6, 5}, bytes);
    assertArrayEquals(new byte[] {8, 7, 6, 5, 4, 3, 2, 1}, new SpecEvt21Encoder("", false)
        .word(0x0102030405060708L).toByteArray());
  }

  @Test
  void specBuiltEvt21_wordsBeforeTheFirstTimeHighAreSkippedAndCounted() throws IOException {
    byte[] data = new SpecEvt21Encoder(LITTLE, false)
        .vector(0, 0, 0, true, -1)
        .trigger(0, 1, true)
        .timeHigh(2)
        .vector(32, 1, 1, false, 1)
        .word(0xFL << 60)
        .word(0x3L << 60)
        .toByteArray();
    try (Evt21Reader r = new Evt21Reader(new ByteArrayInputStream(data), "spec", ReadOptions.defaults())) {
      Events e = r.readAll(ReadOptions.defaults());
      assertEquals(1, e.size());
      assertEquals(2 << 6 | 1, e.t()[0]);
      assertEquals(Map.of("before-first-time-high", 2L, "continued", 1L, "reserved", 1L), r.skippedCounts());
    }
  }

  @Test
  void specBuiltEvt21_timeHighGoingBackIsAWrapOfTheCounter() throws IOException {
    byte[] data = new SpecEvt21Encoder(LITTLE, false)
        .timeHigh(0x0FFFFFFF).vector(0, 0, 1, true, 1)
        .timeHigh(0).vector(0, 0, 2, true, 1)
        .toByteArray();
    Events e = read(data, 16);
    assertArrayEquals(new long[] {0x0FFFFFFFL << 6 | 1, 1L << 34 | 2}, e.t());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 31, 33, 4096})
  void specBuiltEvt21_vectorsSplitAcrossChunksKeepTheirOrder(int chunkSize) throws IOException {
    Sample s = randomSample(11, 20_000, false);
    assertSameEvents(s.events(), read(s.data(), chunkSize));
  }

  @Test
  void specBuiltEvt21_unknownEndiannessIsRefused() {
    byte[] data = new SpecEvt21Encoder("% format EVT21;endianness=big\n", false).timeHigh(1).toByteArray();
    UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class,
        () -> read(data, 16));
    assertTrue(e.getMessage().contains("endianness 'big'"), e.getMessage());
  }
}
