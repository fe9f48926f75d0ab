package org.evshard.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.evshard.io.events.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EcfDecoder} against chunks written by Prophesee's own ECF plugin (h5py, {@code scripts/MakeEcfFixtures.py},
 * which checks the same expected events against Prophesee's decoder), and on hand-built chunks for each rule of the layout and each way a chunk can be
 * damaged.
 */
class EcfDecoderTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4, 5})
  void chunksOfProphesseesPluginDecodeAsItsDecoderDoes(int k) {
    byte[] chunk = EcfFixtures.chunk(k);
    assertEquals(EcfFixtures.MIXED_CHUNK, EcfDecoder.declaredEvents(chunk));
    assertEquals(EcfFixtures.decodedChunk(k), events(EcfDecoder.decode(chunk, EcfDecoder.MAX_EVENTS)));
  }

  /** The fixture covers the three layouts: 24-bit y/x/p, y runs + 12-bit x/p, y runs + x masks + p runs. */
  @Test
  void theFixtureChunksUseEveryLayout() {
    int[] flags = new int[EcfFixtures.MIXED_CHUNKS];
    for (int k = 0; k < flags.length; k++) {
      flags[k] = EcfFixtures.chunk(k)[0] & 3;
    }
    assertEquals(2, flags[0], Arrays.toString(flags));
    assertEquals(1, flags[1], Arrays.toString(flags));
    assertEquals(0, flags[2], Arrays.toString(flags));
    assertEquals(0, flags[4], Arrays.toString(flags)); // rows first, then scattered pixels: masks of one event
  }

  @Test
  void oneEventInRuns() {
    byte[] c = chunk(1, 0, 100, bytes(0x01), words(5 << 5 | 1, 7 << 5), bytes(0x81));
    assertEquals(Events.wrap(new short[] {7}, new short[] {5}, new long[] {100}, new boolean[] {true}),
        events(EcfDecoder.decode(c, 10)));
  }

  @Test
  void timeStepsOfSeveralNibblesAndRunLengthsOfSixteenBits() {
    // 2 events at t0; a step of 0x35 in two nibbles (low first) + 1 in the run byte: 40 events at t0 + 54
    byte[] ts = bytes(0x02, 0xF5, 0xF3, 0x1F, 40, 0);
    byte[] ys = words(3 << 5 | 31, 42);
    byte[] xs = new byte[0];
    for (int i = 0; i < 42; i += 6) {
      xs = concat(xs, words(100 << 5 | 0b11111)); // x, x+1 .. x+5: 6 events per word, 42 in 7 words
    }
    byte[] ps = bytes(0x7F, 41, 0, 0x81);
    Events e = events(EcfDecoder.decode(chunk(42, 0, 1_000, ts, ys, xs, ps), 100));
    assertEquals(42, e.size());
    assertEquals(1_000, e.t()[1]);
    assertEquals(1_054, e.t()[2]);
    assertEquals(1_054, e.t()[41]);
    for (int i = 0; i < 42; i++) {
      assertEquals(3, e.y()[i]);
      assertEquals(100 + i % 6, e.x()[i]);
      assertEquals(i == 41, e.p()[i]);
    }
  }

  @Test
  void aMaskMayNameEventsPastTheLastOne() {
    byte[] c = chunk(2, 0, 7, bytes(0x02), words(9 << 5 | 2), words(10 << 5 | 0b11111), bytes(0x02));
    Events e = events(EcfDecoder.decode(c, 10));
    assertArrayEquals(new short[] {10, 11}, e.x());
  }

  @Test
  void aSixteenNibbleStepIsTheWholeLong() {
    byte[] ts = bytes(0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
        0xFF, 0xF7, 0x01);
    Events e = events(EcfDecoder.decode(chunk(2, 0, 5, ts, words(1 << 5 | 2), words(4 << 5 | 0b10000),
        bytes(0x02)), 10));
    assertEquals(5 + Long.MAX_VALUE, e.t()[1]); // unsigned arithmetic, as the C++ decoder's uint64
  }

  @Test
  void packedLayoutsReadWholeGroupsOfFour() {
    // five events: two groups; 12-bit values (x << 1 | p): 2047<<1|1, 5<<1, 6<<1|1, 0, 1000<<1 (+ 3 ignored)
    int[] v12 = {2047 << 1 | 1, 5 << 1, 6 << 1 | 1, 0, 1000 << 1, 0xFFF, 0xFFF, 0xFFF};
    byte[] xp = new byte[0];
    for (int g = 0; g < 2; g++) {
      int[] v = Arrays.copyOfRange(v12, 4 * g, 4 * g + 4);
      xp = concat(xp, words(v[0] << 4 | v[1] & 0xF, (v[1] >> 4) << 8 | v[2] & 0xFF, (v[2] >> 8) << 12 | v[3]));
    }
    Events e = events(EcfDecoder.decode(chunk(5, 1, 0, bytes(0x05), words(9 << 5 | 5), xp), 5));
    assertArrayEquals(new short[] {2047, 5, 6, 0, 1000}, e.x());
    assertEquals("[true, false, true, false, false]", Arrays.toString(e.p()));
    // the same five in 24 bits (y << 12 | x << 1 | p), y = 719, 0, 1, 2, 3
    int[] v24 = new int[8];
    short[] ys = {719, 0, 1, 2, 3};
    for (int i = 0; i < 8; i++) {
      v24[i] = i < 5 ? ys[i] << 12 | v12[i] : 0xFFFFFF;
    }
    byte[] yxp = new byte[0];
    for (int g = 0; g < 2; g++) {
      int[] v = Arrays.copyOfRange(v24, 4 * g, 4 * g + 4);
      yxp = concat(yxp, ints(v[0] << 8 | v[1] & 0xFF, (v[1] >>> 8) << 16 | v[2] & 0xFFFF,
          (v[2] >>> 16) << 24 | v[3]));
    }
    Events f = events(EcfDecoder.decode(chunk(5, 2, 0, bytes(0x05), yxp), 5));
    assertArrayEquals(ys, f.y());
    assertArrayEquals(e.x(), f.x());
    assertArrayEquals(e.p(), f.p());
    // both flags: the 24-bit layout, as Prophesee's decoder reads it
    assertEquals(f, events(EcfDecoder.decode(chunk(5, 3, 0, bytes(0x05), yxp), 5)));
  }

  @Test
  void anEmptyChunkHasNoEvents() {
    assertEquals(0, EcfDecoder.decode(chunk(0, 0, 0), 10).length);
  }

  @Test
  void trailingBytesAreIgnoredAsByProphesseesDecoder() {
    byte[] c = chunk(1, 0, 100, bytes(0x01), words(5 << 5 | 1, 7 << 5), bytes(0x81));
    assertArrayEquals(EcfDecoder.decode(c, 1), EcfDecoder.decode(concat(c, bytes(1, 2, 3)), 1));
  }

  @Test
  void damagedChunksFailWithTheStreamAndOffset() {
    assertFails(new byte[11], "ECF chunk of 11 bytes: expected at least 12");
    assertFails(chunk(65536, 0, 0), "declares 65536 events at byte 0: expected at most 65535");
    assertFails(chunk(11, 0, 0, bytes(0x0B)), 10, "declares 11 events at byte 0: expected at most 10");
    assertFails(chunk(1, 0, 0, bytes(0x02)), "t stream at byte 12: expected a run of at most 1 events");
    assertFails(chunk(2, 0, 0, bytes(0x01)), "t stream at byte 13: expected 1 bytes for 2 events, found 0 bytes left");
    byte[] seventeen = new byte[18];
    Arrays.fill(seventeen, (byte) 0xF1);
    seventeen[17] = 0x01;
    assertFails(chunk(1, 0, 0, seventeen), "expected a time step of at most 16 nibbles");
    assertFails(chunk(1, 0, 0, bytes(0x01), words(1 << 5 | 2)), "y stream at byte 13: expected a run of at most 1");
    assertFails(chunk(1, 0, 0, bytes(0x01), words(1 << 5 | 1), bytes(0x01)), "x stream at byte 15: expected 2 bytes");
    assertFails(chunk(1, 0, 0, bytes(0x01), words(1 << 5 | 1, 0), bytes(0x82)),
        "p stream at byte 17: expected a run of at most 1");
    assertFails(chunk(1, 0, 0, bytes(0x01), words(1 << 5 | 1, 0)), "p stream at byte 17: expected 1 bytes");
    assertFails(chunk(5, 1, 0, bytes(0x05), words(1 << 5 | 5), new byte[11]),
        "x and p stream at byte 15: expected 12 bytes for 5 events, found 11 bytes left");
    assertFails(chunk(5, 2, 0, bytes(0x05), new byte[23]),
        "y, x and p stream at byte 13: expected 24 bytes for 5 events, found 23 bytes left");
  }

  /** Every strict prefix of a real chunk is damaged (the encoder writes no spare byte), never an index error. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3})
  void everyTruncationOfARealChunkIsAFormatError(int k) {
    byte[] chunk = EcfFixtures.chunk(k);
    for (int len = 0; len < chunk.length; len += len < 64 ? 1 : 37) {
      byte[] cut = Arrays.copyOf(chunk, len);
      assertThrows(EcfFormatException.class, () -> EcfDecoder.decode(cut, EcfDecoder.MAX_EVENTS), "length " + len);
    }
    assertThrows(EcfFormatException.class,
        () -> EcfDecoder.decode(Arrays.copyOf(chunk, chunk.length - 1), EcfDecoder.MAX_EVENTS));
  }

  @Test
  void theFilterDecodesAndNamesItself() {
    byte[] c = chunk(1, 0, 100, bytes(0x01), words(5 << 5 | 1, 7 << 5), bytes(0x81));
    EcfFilter f = new EcfFilter();
    assertEquals(36559, f.getId());
    assertArrayEquals(EcfDecoder.decode(c, 1), f.decode(c, new int[0]));
    EcfFormatException e = assertThrows(EcfFormatException.class, () -> f.decode(new byte[3], null));
    assertTrue(e.getMessage().startsWith("HDF5 ECF chunk: ECF chunk of 3 bytes"), e.getMessage());
  }

  private static void assertFails(byte[] chunk, String message) {
    assertFails(chunk, EcfDecoder.MAX_EVENTS, message);
  }

  private static void assertFails(byte[] chunk, int max, String message) {
    EcfFormatException e = assertThrows(EcfFormatException.class, () -> EcfDecoder.decode(chunk, max));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  /** Records (16 bytes: x, y, p, pad, t) back to columns; p must be 0 or 1. */
  static Events events(byte[] records) {
    ByteBuffer b = ByteBuffer.wrap(records).order(ByteOrder.LITTLE_ENDIAN);
    int n = records.length / EcfDecoder.RECORD_BYTES;
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    for (int i = 0; i < n; i++) {
      int o = i * EcfDecoder.RECORD_BYTES;
      x[i] = b.getShort(o);
      y[i] = b.getShort(o + 2);
      short pol = b.getShort(o + 4);
      assertTrue(pol == 0 || pol == 1, "p " + pol);
      assertEquals(0, b.getShort(o + 6));
      p[i] = pol == 1;
      t[i] = b.getLong(o + 8);
    }
    return Events.wrap(x, y, t, p);
  }

  /** A chunk: count and flags, first timestamp, then the streams. */
  private static byte[] chunk(int n, int flags, long t0, byte[]... streams) {
    ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putInt(n << 2 | flags).putLong(t0);
    return concat(h.array(), streams);
  }

  private static byte[] concat(byte[] first, byte[]... rest) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(first);
    for (byte[] r : rest) {
      out.writeBytes(r);
    }
    return out.toByteArray();
  }

  private static byte[] bytes(int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  private static byte[] words(int... v) {
    ByteBuffer b = ByteBuffer.allocate(2 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int w : v) {
      b.putShort((short) w);
    }
    return b.array();
  }

  private static byte[] ints(int... v) {
    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    for (int w : v) {
      b.putInt(w);
    }
    return b.array();
  }
}
