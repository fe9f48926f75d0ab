package org.evshard.io.atis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.evshard.io.Fixtures;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.npy.NpyEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AtisBinReaderTest {

  private static final String SAMPLE = "fixtures/events/nmnist_bin/sample_nmnist.bin";

  private static Events readAll(InputStream in, ReadOptions options) throws IOException {
    try (AtisBinReader r = new AtisBinReader(in, "test", options)) {
      return r.readAll(options);
    }
  }

  @Test
  void decodesTheNmnistSampleExactlyAsTheReference() throws IOException {
    Path bin = Fixtures.file(SAMPLE);
    Events expected = NpyEvents.read(Fixtures.file(SAMPLE + ".ref.npy"));
    Events actual = readAll(Files.newInputStream(bin), ReadOptions.defaults());
    assertEquals(expected.size(), actual.size(), "event count");
    for (int i = 0; i < expected.size(); i++) {
      int k = i;
      assertTrue(expected.x()[i] == actual.x()[i] && expected.y()[i] == actual.y()[i]
          && expected.t()[i] == actual.t()[i] && expected.p()[i] == actual.p()[i],
          () -> "event " + k + " differs: expected " + describe(expected, k) + ", found " + describe(actual, k));
    }
    assertEquals(expected, actual);
  }

  private static String describe(Events e, int i) {
    return "(" + e.x()[i] + ", " + e.y()[i] + ", " + e.t()[i] + ", " + e.p()[i] + ")";
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 4096, ReadOptions.DEFAULT_CHUNK_SIZE})
  void chunkSizeDoesNotChangeTheEvents(int chunkSize) throws IOException {
    Path bin = Fixtures.file(SAMPLE);
    Events whole = readAll(Files.newInputStream(bin), ReadOptions.defaults());
    EventsBuilder chunked = new EventsBuilder();
    try (AtisBinReader r = new AtisBinReader(Files.newInputStream(bin), bin.toString(), ReadOptions.defaults())) {
      EventChunk c = new EventChunk(chunkSize);
      while (r.nextChunk(c)) {
        assertTrue(c.size() > 0 && c.size() <= chunkSize);
        chunked.add(c);
      }
      assertEquals(0, c.size());
      assertEquals(Files.size(bin), r.bytePosition());
    }
    assertEquals(whole, chunked.build());
  }

  @Test
  void recordsSplitAcrossReadsAreCarriedOver() throws IOException {
    byte[] data = Files.readAllBytes(Fixtures.file(SAMPLE));
    Events whole = readAll(new ByteArrayInputStream(data), ReadOptions.defaults());
    // a stream that returns 3 bytes per read splits most records across reads
    InputStream trickle = new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, 3));
      }
    };
    assertEquals(whole, readAll(trickle, ReadOptions.defaults().withChunkSize(5)));
  }

  @Test
  void streamsThatUnderstateTheirLengthGrowTheBuffer() throws IOException {
    // a zip entry's stream says 1 byte is available: the first read buffer is small, later ones the full block
    byte[] data = new byte[AtisBinReader.RECORD_BYTES * (3 * AtisBinReader.BLOCK_RECORDS + 17)];
    for (int i = 0; i < data.length / AtisBinReader.RECORD_BYTES; i++) {
      int o = i * AtisBinReader.RECORD_BYTES;
      data[o] = (byte) (i % 34);
      data[o + 1] = (byte) (i % 33 == 7 ? AtisBinReader.OVERFLOW_Y : i % 34);
      data[o + 2] = (byte) ((i & 1) << 7);
      data[o + 3] = (byte) (i >> 8);
      data[o + 4] = (byte) i;
    }
    Events whole = readAll(new ByteArrayInputStream(data), ReadOptions.defaults());
    InputStream shy = new ByteArrayInputStream(data) {
      @Override
      public synchronized int available() {
        return Math.min(1, super.available());
      }
    };
    assertEquals(whole, readAll(shy, ReadOptions.defaults()));
    assertEquals(data.length / AtisBinReader.RECORD_BYTES - (data.length / AtisBinReader.RECORD_BYTES + 25) / 33,
        whole.size());
  }

  @Test
  void boundsTheEventsLeftByTheRecordsLeft() throws IOException {
    byte[] data = Files.readAllBytes(Fixtures.file(SAMPLE));
    byte[] marked = Arrays.copyOf(data, data.length + AtisBinReader.RECORD_BYTES);
    marked[data.length + 1] = (byte) AtisBinReader.OVERFLOW_Y; // a trailing overflow marker: a record, no event
    for (byte[] bytes : new byte[][] {data, marked}) {
      try (AtisBinReader r = new AtisBinReader(new ByteArrayInputStream(bytes), "test", ReadOptions.defaults())) {
        assertEquals(bytes.length / AtisBinReader.RECORD_BYTES, r.remainingEventsBound());
        EventChunk c = new EventChunk(1000);
        assertTrue(r.nextChunk(c));
        assertEquals(bytes.length / AtisBinReader.RECORD_BYTES - 1000, r.remainingEventsBound());
        Events rest = r.readAll(ReadOptions.defaults());
        assertEquals(data.length / AtisBinReader.RECORD_BYTES - 1000, rest.size());
        assertEquals(0, r.remainingEventsBound());
      }
    }
  }

  @Test
  void overflowMarkersAddTwoToTheThirteenthToLaterEvents() throws IOException {
    byte[] data = {
        1, 2, (byte) 0x80, 0, 10, // x=1 y=2 ON t=10
        0, (byte) 240, 0, 0, 0, // marker
        0, (byte) 240, 0x7F, (byte) 0xFF, (byte) 0xFF, // marker with nonzero time bits
        3, 4, 0, 0, 5}; // x=3 y=4 OFF t=5 + 2*8192
    Events e = readAll(new ByteArrayInputStream(data), ReadOptions.defaults());
    assertArrayEquals(new short[] {1, 3}, e.x());
    assertArrayEquals(new short[] {2, 4}, e.y());
    assertArrayEquals(new long[] {10, 5 + 2 * 8192}, e.t());
    assertArrayEquals(new boolean[] {true, false}, e.p());
    // and they are counted (inspect said "skipped: none" for 1000 of them)
    try (AtisBinReader r = new AtisBinReader(new ByteArrayInputStream(data), "test", ReadOptions.defaults())) {
      assertEquals(java.util.Map.of(), r.skippedCounts());
      r.readAll(ReadOptions.defaults());
      assertEquals(java.util.Map.of("overflow-markers", 2L), r.skippedCounts());
    }
  }

  @Test
  void bytePositionCountsDecodedRecords() throws IOException {
    byte[] data = new byte[5 * 10];
    try (AtisBinReader r = new AtisBinReader(new ByteArrayInputStream(data), "ten", ReadOptions.defaults())) {
      assertEquals(0, r.bytePosition());
      EventChunk c = new EventChunk(4);
      assertTrue(r.nextChunk(c));
      assertEquals(20, r.bytePosition());
      assertTrue(r.nextChunk(c));
      assertTrue(r.nextChunk(c));
      assertEquals(2, c.size());
      assertFalse(r.nextChunk(c));
      assertEquals(50, r.bytePosition());
    }
  }

  @Test
  void emptyInputIsAnError() {
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> readAll(new ByteArrayInputStream(new byte[0]), ReadOptions.defaults()));
    assertEquals("empty recording: 0 bytes", e.reason());
    assertEquals(0, e.offset());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4})
  void lengthNotAMultipleOfFiveReportsThePartialRecord(int extra) {
    byte[] data = new byte[5 * 3 + extra];
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> readAll(new ByteArrayInputStream(data), ReadOptions.defaults()));
    assertEquals(15, e.offset());
    String count = extra == 1 ? "1 byte" : extra + " bytes";
    assertTrue(e.reason().contains("ends " + count + " into a 5-byte event record"), e.getMessage());
    assertTrue(e.getMessage().contains("test"), e.getMessage());
  }

  @Test
  void truncatedFixtureIsAnErrorAtTheLastRecord() throws IOException {
    byte[] data = Files.readAllBytes(Fixtures.file(SAMPLE));
    byte[] cut = Arrays.copyOf(data, data.length - 2);
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> readAll(new ByteArrayInputStream(cut), ReadOptions.defaults()));
    assertEquals(data.length - 5, e.offset());
  }

  @Test
  void geometryIsTheCallersWhenGiven() throws IOException {
    ReadOptions o = ReadOptions.defaults();
    try (AtisBinReader r = new AtisBinReader(new ByteArrayInputStream(new byte[5]), "g", o)) {
      assertTrue(r.geometry().isEmpty());
    }
    SensorGeometry g = new SensorGeometry(34, 34);
    try (AtisBinReader r = new AtisBinReader(new ByteArrayInputStream(new byte[5]), "g", o.withSensor(g))) {
      assertEquals(g, r.geometry().orElseThrow());
    }
  }
}
