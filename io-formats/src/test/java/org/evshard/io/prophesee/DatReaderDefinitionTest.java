package org.evshard.io.prophesee;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DAT reader against a decode written here from the format's definition, on random records of every bit pattern. */
class DatReaderDefinitionTest {

  private static final int HEADER_BYTES = "% Width 640\n% Height 480\n".length() + 2;

  /** A DAT file of {@code count} random records: every bit pattern, so every polarity nibble 0..15 occurs. */
  private static byte[] file(int count, long seed) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes("% Width 640\n% Height 480\n".getBytes(StandardCharsets.US_ASCII));
    out.write(DatReader.TYPE_CD);
    out.write(DatReader.RECORD_BYTES);
    byte[] records = new byte[count * DatReader.RECORD_BYTES];
    new SplittableRandom(seed).nextBytes(records);
    out.writeBytes(records);
    return out.toByteArray();
  }

  /** The definition: u32 little-endian t, then u32 with x in bits 13..0, y in 27..14, polarity 31..28 (nonzero ON). */
  private static Events byDefinition(byte[] file) {
    EventsBuilder out = new EventsBuilder();
    for (int o = HEADER_BYTES; o < file.length; o += DatReader.RECORD_BYTES) {
      long t = 0;
      long d = 0;
      for (int k = 3; k >= 0; k--) {
        t = t << 8 | (file[o + k] & 0xFF);
        d = d << 8 | (file[o + 4 + k] & 0xFF);
      }
      out.add((short) (d % 16384), (short) (d / 16384 % 16384), t, d / (1 << 28) != 0);
    }
    return out.build();
  }

  private static Events read(byte[] file, int chunkSize) throws IOException {
    EventsBuilder out = new EventsBuilder();
    try (DatReader r = new DatReader(new ByteArrayInputStream(file), "test", ReadOptions.defaults())) {
      EventChunk c = new EventChunk(chunkSize);
      while (r.nextChunk(c)) {
        out.add(c);
      }
    }
    return out.build();
  }

  @ParameterizedTest(name = "{0} records, chunks of {1}")
  @CsvSource({"1, 7", "63, 4096", "64, 4096", "65, 64", "1000, 1", "1000, 7", "1000, 63", "1000, 64", "1000, 65",
      "100000, 4096", "300001, 65536", "300001, 100000"})
  void givesTheDefinitionsEvents(int count, int chunkSize) throws IOException {
    byte[] file = file(count, 17L * count + chunkSize);
    Events want = byDefinition(file);
    assertEquals(count, want.size());
    assertEquals(want, read(file, chunkSize));
  }

  @ParameterizedTest(name = "{0} records")
  @CsvSource({"1", "1000", "300001"})
  void boundsTheEventsLeftByTheRecordsLeftAndReadsThemAllInOnePiece(int count) throws IOException {
    byte[] file = file(count, count);
    try (DatReader r = new DatReader(new ByteArrayInputStream(file), "test", ReadOptions.defaults())) {
      assertEquals(count, r.remainingEventsBound());
      assertEquals(byDefinition(file), r.readAll(ReadOptions.defaults(), new EventChunk(7)));
      assertEquals(0, r.remainingEventsBound());
    }
  }
}
