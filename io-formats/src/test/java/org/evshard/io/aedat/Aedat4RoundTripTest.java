package org.evshard.io.aedat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class Aedat4RoundTripTest {

  static final SensorGeometry VGA = new SensorGeometry(640, 480);

  static Events randomEvents(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    EventsBuilder b = new EventsBuilder(n);
    long t = 1_605_537_493_718_345L;
    for (int i = 0; i < n; i++) {
      t += r.nextInt(4);
      b.add((short) r.nextInt(640), (short) r.nextInt(480), t, r.nextBoolean());
    }
    return b.build();
  }

  static byte[] write(Events e, Aedat4Compression c, int packetEvents) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Aedat4Writer w = new Aedat4Writer(out, VGA, c, packetEvents)) {
      w.write(e);
    }
    return out.toByteArray();
  }

  static Events read(byte[] data, int chunkSize) throws IOException {
    ReadOptions o = ReadOptions.defaults().withChunkSize(chunkSize);
    try (Aedat4Reader r = new Aedat4Reader(new ByteArrayInputStream(data), "roundtrip", o)) {
      assertEquals(VGA, r.geometry().orElseThrow());
      return r.readAll(o);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Aedat4Compression.class, names = {"LZ4", "ZSTD"})
  void severalMillionEventsRoundTripExactly(Aedat4Compression c) throws IOException {
    Events e = randomEvents(c.ordinal(), 3_000_000);
    byte[] data = write(e, c, Aedat4Writer.DEFAULT_PACKET_EVENTS);
    assertTrue(data.length < 16L * e.size(), "compressed");
    AedatTestSupport.assertSameEvents(e, read(data, ReadOptions.DEFAULT_CHUNK_SIZE));
  }

  @ParameterizedTest
  @EnumSource(Aedat4Compression.class)
  void everyCodecRoundTripsWithOddPacketAndChunkSizes(Aedat4Compression c) throws IOException {
    Events e = randomEvents(99, 50_001);
    assertEquals(e, read(write(e, c, 777), 1000));
    assertEquals(e, read(write(e, c, 1), 7));
  }

  @Test
  void theRegistryWritesLz4AndDetectsTheResult() throws IOException {
    Events e = randomEvents(5, 1000);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (var w = EventFormats.defaults().byName("aedat4").openWriter(out, VGA).orElseThrow()) {
      w.write(e);
    }
    byte[] data = out.toByteArray();
    try (EventReader r = EventFormats.defaults().open(new ByteArrayInputStream(data), "x.bin", "x", null,
        ReadOptions.defaults())) {
      assertEquals("aedat4", r.formatName());
      assertEquals("LZ4", r.headerFields().get("compression"));
      assertEquals(e, r.readAll(ReadOptions.defaults()));
    }
  }

  /** A table position moved back to a packet boundary ended the recording there, exit 0 (918 of 111,954 events). */
  @org.junit.jupiter.params.ParameterizedTest
  @EnumSource(Aedat4Compression.class)
  void aDataTablePositionThatPointsAtAPacketIsRefused(Aedat4Compression c) throws IOException {
    byte[] data = write(randomEvents(3, 5000), c, 1000);
    Aedat4Header h = Aedat4Header.read(new ByteArrayInputStream(data), "x", 1 << 20);
    long first = h.length();
    long second = first + 8 + java.nio.ByteBuffer.wrap(data, (int) first + 4, 4)
        .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt();
    moveDataTable(data, h, second);
    org.evshard.io.error.CorruptInputException e = org.junit.jupiter.api.Assertions.assertThrows(
        org.evshard.io.error.CorruptInputException.class, () -> read(data, 1000));
    assertEquals(second, e.offset());
    assertTrue(e.reason().startsWith("the header places the data table at byte " + second + ", but the "), e.reason());
  }

  /**
   * The split planner reads the table itself: at a position moved back to a packet it said only "an LZ4 frame ...
   * found 938571 bytes starting 00000000", not that the data table was what failed.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @EnumSource(value = Aedat4Compression.class, names = {"LZ4", "LZ4_HIGH", "ZSTD", "ZSTD_HIGH"})
  void aDataTableThatDoesNotDecodeIsNamedAsTheTable(Aedat4Compression c, @org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws IOException {
    byte[] data = write(randomEvents(3, 5000), c, 1000);
    Aedat4Header h = Aedat4Header.read(new ByteArrayInputStream(data), "x", 1 << 20);
    long first = h.length();
    // the table position moved back to the first packet's header: its bytes are no compressed table
    moveDataTable(data, h, first);
    java.nio.file.Path file = java.nio.file.Files.write(tmp.resolve("moved.aedat4"), data);
    Aedat4Header moved = Aedat4Header.read(new ByteArrayInputStream(data), "moved.aedat4", 1 << 20);
    try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file)) {
      org.evshard.io.error.CorruptInputException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.evshard.io.error.CorruptInputException.class,
          () -> new Aedat4SplitPlanner("moved.aedat4", moved, 1 << 20).plan(ch));
      assertTrue(e.reason().startsWith("the data table at byte " + first + " (the header's dataTablePosition) does "
          + "not decode: "), e.reason());
    }
  }

  /**
   * A stuck pixel (4.5 M events at one place and time) compresses some 3,000 times with Zstd: the writer wrote what the
   * reader then refused as a decompression bomb. The writer now refuses it, pointing at LZ4, whose file reads back.
   */
  @Test
  void theWriterRefusesWhatTheReaderWouldRefuseAsABomb() throws IOException {
    int n = 4_500_000;
    Events stuck = Events.wrap(new short[n], new short[n], new long[n], new boolean[n]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> write(stuck, Aedat4Compression.ZSTD, Aedat4Writer.DEFAULT_PACKET_EVENTS));
    assertTrue(e.getMessage().contains("more than evshard's reader accepts from a file") && e.getMessage().contains(
        "write them with LZ4 (--codec lz4)"), e.getMessage());
    assertEquals(n, read(write(stuck, Aedat4Compression.LZ4, Aedat4Writer.DEFAULT_PACKET_EVENTS), 1 << 16).size());
  }

  /** Rewrites the header's dataTablePosition field of {@code data} (header {@code h}) to {@code position}. */
  private static void moveDataTable(byte[] data, Aedat4Header h, long position) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    int field = -1;
    for (int i = 14; i + 8 <= h.length(); i++) {
      if (b.getLong(i) == h.dataTablePosition()) {
        field = i;
      }
    }
    assertTrue(field > 0, "the table position in the header");
    b.putLong(field, position);
  }

  @Test
  void anEmptyRecordingHasHeaderAndNoPackets() throws IOException {
    assertEquals(0, read(write(Events.empty(), Aedat4Compression.LZ4, 10), 10).size());
  }

  @Test
  void writtenLz4FramesDecodeWithCommonsCompress() {
    byte[] plain = new byte[200_000];
    new SplittableRandom(1).nextBytes(plain);
    for (int i = 0; i < plain.length; i += 3) {
      plain[i] = 7;
    }
    Lz4FrameEncoder enc = new Lz4FrameEncoder();
    int n = enc.encode(plain, plain.length);
    assertArrayEquals(plain, Lz4Frames.referenceDecode(java.util.Arrays.copyOf(enc.buffer(), n), 1 << 20));
  }

  @Test
  void eventsOutsideTheSensorAreRejected() {
    Events bad = Events.wrap(new short[] {1, 640}, new short[] {1, 1}, new long[] {1, 2}, new boolean[] {true, true});
    IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
        () -> write(bad, Aedat4Compression.NONE, 10));
    assertTrue(x.getMessage().startsWith("event 1:"), x.getMessage());
  }

  /**
   * An uncompressed packet's FlatBuffer must fill the packet and carry its stream's identifier: a buffer named
   * {@code FRME} in the event stream was read as events, and bytes after the buffer were ignored.
   */
  @Test
  void aPacketWithAnotherIdentifierOrBytesAfterItsBufferIsRefused() throws IOException {
    Events e = randomEvents(9, 10);
    byte[] data = write(e, Aedat4Compression.NONE, Aedat4Writer.DEFAULT_PACKET_EVENTS);
    String text = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
    int id = text.indexOf("EVTS", text.indexOf("EVTS") + 4); // the first is the infoNode's typeIdentifier
    int packet = id - 8 - 8; // packet header (stream id, size), then the size prefix and the root offset
    assertEquals(0, LE.getInt(data, packet), "stream id 0");
    int size = LE.getInt(data, packet + 4);
    assertEquals(size - 4, LE.getInt(data, packet + 8), "the size prefix fills the packet");
    AedatTestSupport.assertSameEvents(e, read(data, ReadOptions.DEFAULT_CHUNK_SIZE));

    byte[] frame = data.clone();
    System.arraycopy("FRME".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, frame, id, 4);
    org.evshard.io.error.CorruptInputException named = assertThrows(
        org.evshard.io.error.CorruptInputException.class, () -> read(frame, ReadOptions.DEFAULT_CHUNK_SIZE));
    assertEquals(packet, named.offset());
    assertTrue(named.getMessage().contains("identifier EVTS") && named.getMessage().contains("'FRME'"),
        named.getMessage());

    byte[] longer = new byte[data.length + 3];
    System.arraycopy(data, 0, longer, 0, packet + 8 + size);
    System.arraycopy(data, packet + 8 + size, longer, packet + 8 + size + 3, data.length - packet - 8 - size);
    LE.putInt(longer, packet + 4, size + 3); // three bytes after the buffer, inside the packet
    org.evshard.io.error.CorruptInputException trailing = assertThrows(
        org.evshard.io.error.CorruptInputException.class, () -> read(longer, ReadOptions.DEFAULT_CHUNK_SIZE));
    assertTrue(trailing.getMessage().contains("a FlatBuffer size prefix of " + (size + 3 - 4)), trailing.getMessage());
  }

  /** An invalid sizeX or sizeY of the event stream was ignored (the geometry became unknown); now a header error. */
  @Test
  void anInvalidStatedGeometryIsRefused() throws IOException {
    byte[] data = write(randomEvents(3, 10), Aedat4Compression.NONE, Aedat4Writer.DEFAULT_PACKET_EVENTS);
    String text = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
    for (String[] change : new String[][] {{">640<", ">000<"}, {">480<", ">-48<"}, {">640<", ">-64<"}}) {
      int at = text.indexOf(change[0]);
      assertTrue(at > 0, change[0]);
      byte[] bad = data.clone();
      System.arraycopy(change[1].getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, bad, at, 5);
      org.evshard.io.error.CorruptInputException e = assertThrows(org.evshard.io.error.CorruptInputException.class,
          () -> read(bad, ReadOptions.DEFAULT_CHUNK_SIZE), change[1]);
      assertTrue(e.getMessage().contains("infoNode sizeX and sizeY both in 1.."), e.getMessage());
    }
  }
}
