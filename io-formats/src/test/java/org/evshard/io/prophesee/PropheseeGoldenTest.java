package org.evshard.io.prophesee;

import static org.evshard.io.prophesee.PropheseeFixtures.assertSameEvents;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.evshard.io.Fixtures;
import org.evshard.io.events.Events;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.npy.NpyEvents;
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

  @ParameterizedTest
  @MethodSource("fixtures")
  void isDetectedByItsHeader(String fixture, EventFormat format, int count) throws IOException {
    Path file = Fixtures.file(fixture);
    assertEquals(format.name(), EventFormats.defaults().detect(file).name());
    assertTrue(count > 0);
  }
}
