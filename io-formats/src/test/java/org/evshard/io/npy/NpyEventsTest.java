package org.evshard.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.evshard.io.Fixtures;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.format.EventWriter;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpyEventsTest {

  static Events randomEvents(long seed, int n) {
    Random r = new Random(seed);
    EventsBuilder b = new EventsBuilder();
    for (int i = 0; i < n; i++) {
      b.add((short) r.nextInt(), (short) r.nextInt(), r.nextLong(), r.nextBoolean());
    }
    return b.build();
  }

  static Events read(byte[] data, int chunkSize) throws IOException {
    ReadOptions o = ReadOptions.defaults().withChunkSize(chunkSize);
    try (NpyEventReader r = new NpyEventReader(new ByteArrayInputStream(data), "mem", o)) {
      return r.readAll(o);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 13, 100_000})
  void roundTripsThroughTheWriter(int n) throws IOException {
    Events e = randomEvents(n, n);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (EventWriter w = new NpyEventFormat().openWriter(out, null).orElseThrow()) {
      w.write(e.x(), e.y(), e.t(), e.p(), 0, n / 2);
      w.write(e.x(), e.y(), e.t(), e.p(), n / 2, n - n / 2);
    }
    assertEquals(e, read(out.toByteArray(), 4096));
    assertEquals(e, read(out.toByteArray(), 7));
  }

  @Test
  void writesNumpysExactBytesForTheReferenceDecode(@TempDir Path tmp) throws IOException {
    Path ref = Fixtures.file("fixtures/events/nmnist_bin/sample_nmnist.bin.ref.npy");
    Events e = NpyEvents.read(ref);
    Path again = tmp.resolve("again.npy");
    NpyEvents.write(again, e);
    assertArrayEquals(Files.readAllBytes(ref), Files.readAllBytes(again));
  }

  @Test
  void readsOtherFieldOrdersWidthsAndByteOrders() throws IOException {
    NpyDtype d = NpyDtype.ofFields(List.of("t", "p", "x", "extra", "y"), List.of(
        new NpyElementType(NpyScalarType.UINT32, ByteOrder.BIG_ENDIAN), NpyElementType.little(NpyScalarType.INT8),
        NpyElementType.little(NpyScalarType.UINT8), NpyElementType.little(NpyScalarType.FLOAT64),
        new NpyElementType(NpyScalarType.INT32, ByteOrder.BIG_ENDIAN)));
    ByteBuffer b = ByteBuffer.allocate(2 * d.itemSize());
    b.order(ByteOrder.BIG_ENDIAN).putInt(-1).put((byte) 1).put((byte) 200).putDouble(1.5).putInt(-3);
    b.order(ByteOrder.BIG_ENDIAN).putInt(7).put((byte) 0).put((byte) 1).putDouble(2.5).putInt(33);
    byte[] file = NpyArrayTest.concat(NpyHeader.of(d, new long[] {2}).toBytes(), b.array());
    Events e = read(file, 1);
    assertArrayEquals(new short[] {200, 1}, e.x());
    assertArrayEquals(new short[] {-3, 33}, e.y());
    assertArrayEquals(new long[] {0xFFFF_FFFFL, 7}, e.t());
    assertArrayEquals(new boolean[] {true, false}, e.p());
  }

  /** Integer polarity: 1 is ON, 0 and -1 are OFF (the -1/+1 convention), anything else is refused at its record. */
  @ParameterizedTest
  @ValueSource(strings = {"INT8", "INT16", "INT32", "INT64"})
  void integerPolarityIsOneForOnAndZeroOrMinusOneForOff(String type) throws IOException {
    NpyElementType pType = NpyElementType.little(NpyScalarType.valueOf(type));
    NpyDtype d = NpyDtype.ofFields(List.of("x", "y", "t", "p"), List.of(NpyElementType.little(NpyScalarType.INT16),
        NpyElementType.little(NpyScalarType.INT16), NpyElementType.little(NpyScalarType.INT64), pType));
    long[] ps = {1, -1, 1, 0, -1};
    byte[] h = NpyHeader.of(d, new long[] {ps.length}).toBytes();
    Events e = read(NpyArrayTest.concat(h, records(d, ps)), 2);
    assertArrayEquals(new boolean[] {true, false, true, false, false}, e.p());

    byte[] h3 = NpyHeader.of(d, new long[] {3}).toBytes();
    byte[] bad = records(d, new long[] {1, 0, 2});
    CorruptInputException ex = assertThrows(CorruptInputException.class,
        () -> read(NpyArrayTest.concat(h3, bad), 8));
    assertEquals(h3.length + 2L * d.itemSize(), ex.offset()); // the third record
    assertTrue(ex.getMessage().contains("event 2: p=2 is not a polarity"), ex.getMessage());
  }

  /** Records of {@code d} (x = i, y = 2 i, t = 10 i, p as given), little-endian. */
  private static byte[] records(NpyDtype d, long[] ps) {
    ByteBuffer b = ByteBuffer.allocate(ps.length * d.itemSize()).order(ByteOrder.LITTLE_ENDIAN);
    int pBytes = d.itemSize() - 12;
    for (int i = 0; i < ps.length; i++) {
      b.putShort((short) i).putShort((short) (2 * i)).putLong(10L * i);
      for (int k = 0; k < pBytes; k++) {
        b.put((byte) (ps[i] >> (8 * k)));
      }
    }
    return b.array();
  }

  @Test
  void coordinatesBeyondSixteenBitsAreCorrupt() throws IOException {
    NpyDtype d = NpyDtype.ofFields(List.of("x", "y", "t", "p"), List.of(NpyElementType.little(NpyScalarType.INT32),
        NpyElementType.little(NpyScalarType.INT32), NpyElementType.little(NpyScalarType.INT64),
        NpyElementType.little(NpyScalarType.BOOL)));
    byte[] h = NpyHeader.of(d, new long[] {1}).toBytes();
    byte[] rec = ByteBuffer.allocate(17).order(ByteOrder.LITTLE_ENDIAN).putInt(70000).putInt(0).putLong(0)
        .put((byte) 0).array();
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> read(NpyArrayTest.concat(h, rec), 8));
    assertEquals(h.length, e.offset());
  }

  @Test
  void truncatedRecordsNameTheOffset() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Events e = randomEvents(5, 10);
    NpyEvents.write(out, e.x(), e.y(), e.t(), e.p(), 0, e.size());
    byte[] full = out.toByteArray();
    byte[] cut = Arrays.copyOf(full, full.length - 20);
    CorruptInputException x = assertThrows(CorruptInputException.class, () -> read(cut, 3));
    assertTrue(x.offset() > 0 && x.offset() <= cut.length, x.getMessage());
    assertTrue(x.reason().contains("truncated"), x.getMessage());
    assertThrows(CorruptInputException.class, () -> read(NpyArrayTest.concat(full, new byte[] {1}), 3));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 13, 4096, 100_001})
  void streamingFromAReaderWritesNumpysBytesInBoundedMemory(int n, @TempDir Path tmp) throws IOException {
    Events e = randomEvents(n + 1, n);
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    NpyEvents.write(whole, e.x(), e.y(), e.t(), e.p(), 0, n);
    for (int chunk : new int[] {7, 4096}) {
      Path out = tmp.resolve("streamed-" + chunk + ".npy");
      long count;
      try (NpyEventReader r = new NpyEventReader(new ByteArrayInputStream(whole.toByteArray()), "m",
              ReadOptions.defaults());
          java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(out,
              java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
        org.evshard.io.events.EventChunk c = new org.evshard.io.events.EventChunk(chunk);
        try (NpyEventChannelWriter w = new NpyEventChannelWriter(ch)) {
          while (r.nextChunk(c)) {
            w.write(c);
          }
          count = w.count();
        }
      }
      assertEquals(n, count);
      assertArrayEquals(whole.toByteArray(), Files.readAllBytes(out), "chunks of " + chunk);
    }
  }

  @Test
  void everyCountHasTheSameHeaderSize() {
    for (long n : new long[] {0, 9, 10, 999_999_999L, Long.MAX_VALUE}) {
      assertEquals(NpyEventChannelWriter.HEADER_BYTES, NpyHeader.of(NpyDtype.TONIC_EVENTS, new long[] {n}).toBytes().length,
          "count " + n);
    }
  }

  @Test
  void theBoundOnEventsLeftTrustsTheHeaderOnlyAsFarAsTheBytes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Events e = randomEvents(6, 1000);
    NpyEvents.write(out, e.x(), e.y(), e.t(), e.p(), 0, e.size());
    byte[] full = out.toByteArray();
    NpyDtype d;
    try (NpyEventReader r = new NpyEventReader(new ByteArrayInputStream(full), "m", ReadOptions.defaults())) {
      d = r.header().dtype();
      assertEquals(1000, r.remainingEventsBound());
      assertEquals(e, r.readAll(ReadOptions.defaults(), new org.evshard.io.events.EventChunk(7)));
      assertEquals(0, r.remainingEventsBound());
    }
    // a header that declares 2^40 records over 10 records' bytes: the bound is 10, and the read still says truncated
    byte[] h = NpyHeader.of(d, new long[] {1L << 40}).toBytes();
    byte[] lying = NpyArrayTest.concat(h, Arrays.copyOfRange(full, full.length - 10 * d.itemSize(), full.length));
    try (NpyEventReader r = new NpyEventReader(new ByteArrayInputStream(lying), "m", ReadOptions.defaults())) {
      assertEquals(10, r.remainingEventsBound());
    }
    CorruptInputException x = assertThrows(CorruptInputException.class, () -> read(lying, 4096));
    assertTrue(x.reason().contains("truncated"), x.getMessage());
  }

  @Test
  void plainArraysAreNotEvents() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NpyArray.ofInt16(new long[] {4}, new short[4]).write(out);
    assertThrows(UnsupportedFormatException.class, () -> read(out.toByteArray(), 8));
  }

  @Test
  void chunksAreFilledToCapacity() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Events e = randomEvents(9, 10);
    NpyEvents.write(out, e.x(), e.y(), e.t(), e.p(), 0, e.size());
    try (NpyEventReader r = new NpyEventReader(new ByteArrayInputStream(out.toByteArray()), "m",
        ReadOptions.defaults())) {
      EventChunk c = new EventChunk(4);
      int[] sizes = new int[4];
      for (int i = 0; i < 4; i++) {
        r.nextChunk(c);
        sizes[i] = c.size();
      }
      assertArrayEquals(new int[] {4, 4, 2, 0}, sizes);
      assertEquals(out.size(), r.bytePosition());
    }
  }
}
