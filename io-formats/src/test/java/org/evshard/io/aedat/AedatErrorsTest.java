package org.evshard.io.aedat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.evshard.io.Fixtures;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Damaged inputs give an {@link EvshardIoException} naming the file and an offset, and nothing else. */
class AedatErrorsTest {

  enum Kind { AEDAT2, AEDAT31, AEDAT4 }

  static Stream<Kind> kinds() {
    return Stream.of(Kind.values());
  }

  static byte[] sample(Kind k) throws IOException {
    return switch (k) {
      case AEDAT2 -> Files.readAllBytes(Fixtures.file(Aedat2ReaderTest.DAVIS));
      case AEDAT31 -> Aedat31ReaderTest.specBuiltStream(5, 20);
      case AEDAT4 -> Files.readAllBytes(Fixtures.file(Aedat4ReaderTest.SAMPLE));
    };
  }

  static EventReader open(Kind k, byte[] data, ReadOptions o) throws IOException {
    ByteArrayInputStream in = new ByteArrayInputStream(data);
    return switch (k) {
      case AEDAT2 -> new Aedat2Reader(in, "damaged.aedat", o, Aedat2Axes.JAER);
      case AEDAT31 -> new Aedat31Reader(in, "damaged.aedat", o);
      case AEDAT4 -> new Aedat4Reader(in, "damaged.aedat", o);
    };
  }

  /** Reads everything; returns the error, or null when the bytes still decode. */
  static EvshardIoException readExpectingOnlyTypedErrors(Kind k, byte[] data) {
    ReadOptions o = ReadOptions.defaults();
    try (EventReader r = open(k, data, o)) {
      r.readAll(o);
      return null;
    } catch (EvshardIoException e) {
      assertEquals("damaged.aedat", e.source());
      assertTrue(e.getMessage().startsWith("damaged.aedat"), e.getMessage());
      return e;
    } catch (Throwable t) {
      throw new AssertionError(k + ": only EvshardIoException may escape, got " + t, t);
    }
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void zeroLengthIsATypedError(Kind k) {
    EvshardIoException e = readExpectingOnlyTypedErrors(k, new byte[0]);
    assertTrue(e != null && e.offset() == 0, k + ": " + e);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void wrongMagicIsATypedErrorAtByteZero(Kind k) throws IOException {
    byte[] data = sample(k);
    data[3] = 'X';
    EvshardIoException e = readExpectingOnlyTypedErrors(k, data);
    assertTrue(e != null && e.offset() == 0, k + ": " + e);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void truncationAnywhereIsATypedErrorWithAnOffset(Kind k) throws IOException {
    byte[] data = sample(k);
    SplittableRandom rnd = new SplittableRandom(k.ordinal());
    int errors = 0;
    for (int i = 0; i < 40; i++) {
      int cut = 1 + rnd.nextInt(data.length - 1);
      EvshardIoException e = readExpectingOnlyTypedErrors(k, Arrays.copyOf(data, cut));
      if (e != null) {
        errors++;
        assertTrue(e.offset() >= 0 && e.offset() <= cut, k + " cut at " + cut + ": " + e);
      }
    }
    assertTrue(errors > 0, k + ": some truncation must be reported");
  }

  /**
   * An AEDAT 4.0 file cut between two packets (or right after its header) is truncated by what its header says: the
   * data table lies further on. It decoded without a word before, with part of its events (half, cut in the middle).
   */
  @Test
  void anAedat4FileCutBetweenPacketsIsTruncatedByItsDataTablePosition() throws IOException {
    byte[] data = sample(Kind.AEDAT4);
    Aedat4Header header = Aedat4Header.read(new ByteArrayInputStream(data), "sample", 1 << 20);
    long table = header.dataTablePosition();
    assertTrue(table > 0, "the sample has a data table");
    int cuts = 0;
    for (long at = header.length(); at < table; ) {
      if (cuts < 3 || at > table / 2 && cuts < 6) {
        EvshardIoException e = readExpectingOnlyTypedErrors(Kind.AEDAT4, Arrays.copyOf(data, (int) at));
        assertTrue(e instanceof CorruptInputException && e.offset() == at
            && e.getMessage().contains("before the data table its header places at byte " + table), at + ": " + e);
        cuts++;
      }
      at += 8 + (data[(int) at + 4] & 0xFFL | (data[(int) at + 5] & 0xFFL) << 8 | (data[(int) at + 6] & 0xFFL) << 16
          | (data[(int) at + 7] & 0xFFL) << 24);
    }
    assertEquals(6, cuts);
  }

  @ParameterizedTest
  @MethodSource("kinds")
  void bitFlipsGiveEventsOrTypedErrors(Kind k) throws IOException {
    byte[] data = sample(k);
    SplittableRandom rnd = new SplittableRandom(100 + k.ordinal());
    for (int i = 0; i < 60; i++) {
      byte[] d = data.clone();
      for (int f = 0; f < 1 + rnd.nextInt(8); f++) {
        int at = rnd.nextInt(d.length);
        d[at] ^= (byte) (1 << rnd.nextInt(8));
      }
      readExpectingOnlyTypedErrors(k, d);
    }
  }

  @Test
  void anAedat4IoHeaderLongerThanTheLimitIsRefusedBeforeReading() throws IOException {
    byte[] data = sample(Kind.AEDAT4);
    LE.putInt(data, 14, Integer.MAX_VALUE);
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> open(Kind.AEDAT4, data, ReadOptions.defaults()));
    assertEquals(14, e.offset());
  }

  @Test
  void anAedat4PacketLongerThanTheLimitIsRefused() throws IOException {
    byte[] data = sample(Kind.AEDAT4);
    int first = 18 + LE.getInt(data, 14);
    LE.putInt(data, first + 4, Aedat4Reader.MAX_PACKET_BYTES + 1);
    EvshardIoException e = readExpectingOnlyTypedErrors(Kind.AEDAT4, data);
    assertTrue(e instanceof LimitExceededException, "" + e);
    assertEquals(first + 4, e.offset());
  }

  @Test
  void anAedat4PacketLongerThanTheFileIsAnErrorWithoutAllocatingItsSize() throws IOException {
    byte[] whole = Aedat4RoundTripTest.write(Aedat4RoundTripTest.randomEvents(1, 100), Aedat4Compression.NONE, 100);
    int first = 18 + LE.getInt(whole, 14);
    LE.putInt(whole, first + 4, Aedat4Reader.MAX_PACKET_BYTES); // 64 MiB declared, about 1.6 kB present
    long before = usedHeap();
    EvshardIoException e = readExpectingOnlyTypedErrors(Kind.AEDAT4, whole);
    assertTrue(e instanceof CorruptInputException && e.getMessage().contains("ends"), "" + e);
    assertEquals(first, e.offset());
    assertTrue(usedHeap() - before < 32 << 20, "the reader must not allocate the declared size");
  }

  @Test
  void anAedat31PacketLongerThanTheLimitIsRefused() {
    byte[] data = new Aedat31SpecBuilder(null).other(2, 1 << 20, 0).bytes();
    int header = data.length - 28;
    LE.putInt(data, header + 16, 1 << 20); // capacity: 1 MiB events of 1 MiB
    EvshardIoException e = readExpectingOnlyTypedErrors(Kind.AEDAT31, data);
    assertTrue(e instanceof LimitExceededException, "" + e);
    assertEquals(header, e.offset());
  }

  @Test
  void anAedat2HeaderLongerThanTheLimitIsRefused() throws IOException {
    byte[] data = sample(Kind.AEDAT2);
    assertThrows(LimitExceededException.class,
        () -> open(Kind.AEDAT2, data, ReadOptions.defaults().withMaxHeaderBytes(1000)));
  }

  private static long usedHeap() {
    Runtime r = Runtime.getRuntime();
    return r.totalMemory() - r.freeMemory();
  }

  @Test
  void aWrongAedatVersionIsNamed() {
    byte[] data = "#!AER-DAT3.1\r\n#!END-HEADER\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    EvshardIoException e = readExpectingOnlyTypedErrors(Kind.AEDAT2, data);
    if (e == null) {
      fail("AEDAT 3.1 bytes must not read as AEDAT 2.0");
    }
    assertTrue(e.getMessage().contains("#!AER-DAT2.0"), e.getMessage());
  }
}
