package org.evshard.io.prophesee;

import static org.evshard.io.prophesee.PropheseeFixtures.assertSameEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.evshard.io.Fixtures;
import org.evshard.io.events.Events;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.npy.NpyEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each real Prophesee fixture decodes exactly as its reference decode ({@code .ref.npy}), whatever the chunk size. */
class PropheseeGoldenTest {

  static Stream<Arguments> fixtures() {
    return Stream.of(
        Arguments.of(PropheseeFixtures.EVT2, new Evt2Format(), 539_481),
        Arguments.of(PropheseeFixtures.EVT3, new Evt3Format(), 5_000),
        Arguments.of(PropheseeFixtures.DAT, new DatFormat(), 2_009));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void decodesExactlyAsTheReference(String fixture, EventFormat format, int count) throws IOException {
    Path file = Fixtures.file(fixture);
    Events expected = NpyEvents.read(Fixtures.file(fixture + ".ref.npy"));
    assertEquals(count, expected.size());
    Events actual = PropheseeFixtures.read(format, Files.readAllBytes(file), ReadOptions.DEFAULT_CHUNK_SIZE);
    assertSameEvents(expected, actual);
  }

  static Stream<Arguments> fixturesAndChunkSizes() {
    return fixtures().flatMap(f -> Stream.of(1, 7, 4096, 1_000_000)
        .map(n -> Arguments.of(f.get()[0], f.get()[1], n)));
  }

  @ParameterizedTest
  @MethodSource("fixturesAndChunkSizes")
  void chunkSizeDoesNotChangeTheEvents(String fixture, EventFormat format, int chunkSize) throws IOException {
    byte[] data = Files.readAllBytes(Fixtures.file(fixture));
    Events whole = PropheseeFixtures.read(format, data, ReadOptions.DEFAULT_CHUNK_SIZE);
    assertSameEvents(whole, PropheseeFixtures.read(format, data, chunkSize));
  }

  @Test
  void evt2WordsSplitAcrossBlocksDecode() throws IOException {
    byte[] data = Files.readAllBytes(Fixtures.file(PropheseeFixtures.EVT2));
    // a 7-byte header line puts the 64 KiB block boundaries inside 32-bit words
    byte[] odd = Evt3RoundTripTest.insertAfterFirstLine(data, "% odd 1\n");
    assertTrue(odd.length > 2 * BlockInput.BLOCK_BYTES);
    assertSameEvents(NpyEvents.read(Fixtures.file(PropheseeFixtures.EVT2 + ".ref.npy")),
        PropheseeFixtures.read(new Evt2Format(), odd, 4096));
  }

  @Test
  void aStreamThatReturnsThreeBytesPerReadDecodesTheSame() throws IOException {
    byte[] data = Files.readAllBytes(Fixtures.file(PropheseeFixtures.EVT3));
    InputStream trickle = new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 3));
      }
    };
    assertSameEvents(NpyEvents.read(Fixtures.file(PropheseeFixtures.EVT3 + ".ref.npy")),
        PropheseeFixtures.read(new Evt3Format(), trickle, data.length, 5));
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void isDetectedByItsHeader(String fixture, EventFormat format, int count) throws IOException {
    Path file = Fixtures.file(fixture);
    assertEquals(format.name(), EventFormats.defaults().detect(file).name());
    assertTrue(count > 0);
  }
}
