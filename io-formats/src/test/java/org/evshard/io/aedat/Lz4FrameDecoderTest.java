package org.evshard.io.aedat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.codec.digest.XXHash32;
import org.apache.commons.compress.compressors.lz4.FramedLZ4CompressorOutputStream.BlockSize;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.LimitExceededException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Lz4FrameDecoder} against frames written by commons-compress, an independent LZ4 implementation: every block
 * size, dependent and independent blocks, with and without checksums, on data shaped to reach each copy path of the
 * decoder (short sequences, long literal and match lengths, overlapping matches at offsets 1 to 9, long matches that
 * do not overlap, uncompressed blocks, matches reaching into the previous block).
 */
class Lz4FrameDecoderTest {

  private static final int MAX = 16 << 20;

  static Stream<Arguments> framesOfEveryKind() {
    List<Arguments> cases = new ArrayList<>();
    for (BlockSize size : BlockSize.values()) {
      for (int flags = 0; flags < 8; flags++) {
        boolean dependent = (flags & 1) != 0;
        boolean blockChecksum = (flags & 2) != 0;
        boolean contentChecksum = (flags & 4) != 0;
        for (String kind : new String[] {"events", "periods", "random", "mixed"}) {
          cases.add(Arguments.of(kind, size, dependent, blockChecksum, contentChecksum));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} dependent={2} blockChecksum={3} contentChecksum={4}")
  @MethodSource("framesOfEveryKind")
  void decodesWhatCommonsCompressWrites(String kind, BlockSize size, boolean dependent, boolean blockChecksum,
      boolean contentChecksum) {
    // runs of event structs make commons-compress's match search slow (seconds per 100 KB): 20 KB of them; the
    // mixed kind carries event structs across block boundaries
    byte[] data = data(kind, kind.equals("events") ? 20_000 : 150_000, 7);
    byte[] frame = Lz4Frames.compress(data, size, dependent, blockChecksum, contentChecksum);
    assertArrayEquals(data, Lz4Frames.referenceDecode(frame, MAX), "the reference reads its own frame");
    assertArrayEquals(data, decode(new Lz4FrameDecoder("test", MAX), frame));
  }

  @Test
  void matchesReachIntoEarlierBlocks() {
    // 64 KiB blocks of a repeated 40,000-byte random pattern: with dependent blocks, every block after the first is
    // matches into the block before (offsets below the 64 KiB an LZ4 offset can reach)
    byte[] pattern = data("random", 40_000, 3);
    byte[] data = new byte[5 << 16];
    for (int i = 0; i < data.length; i += pattern.length) {
      System.arraycopy(pattern, 0, data, i, Math.min(pattern.length, data.length - i));
    }
    byte[] dependent = Lz4Frames.compress(data, BlockSize.K64, true, false, false);
    byte[] independent = Lz4Frames.compress(data, BlockSize.K64, false, false, false);
    assertTrue(dependent.length < independent.length / 3, "dependent " + dependent.length + " bytes, independent "
        + independent.length + ": the later blocks must be matches into earlier ones");
    assertArrayEquals(data, decode(new Lz4FrameDecoder("test", MAX), dependent));
    assertArrayEquals(data, decode(new Lz4FrameDecoder("test", MAX), independent));
  }

  @Test
  void oneDecoderDecodesFrameAfterFrame() {
    Lz4FrameDecoder decoder = new Lz4FrameDecoder("test", MAX);
    for (int i = 0; i < 6; i++) {
      String kind = new String[] {"events", "periods", "random", "mixed"}[i % 4];
      byte[] data = data(kind, 1000 + 90_000 * (i % 3), i); // larger, smaller, larger: the buffer is reused
      assertArrayEquals(data, decode(decoder, Lz4Frames.compress(data, BlockSize.K64, true, false, false)),
          "frame " + i);
    }
  }

  @Test
  void everyCutOfAFrameIsATypedErrorAtTheFramesOffset() {
    byte[] data = data("mixed", 3000, 11);
    byte[] frame = Lz4Frames.compress(data, BlockSize.K64, true, true, true);
    for (int cut = 0; cut < frame.length; cut++) {
      byte[] part = Arrays.copyOf(frame, cut);
      EvshardIoException e = assertThrows(EvshardIoException.class,
          () -> new Lz4FrameDecoder("f.aedat4", MAX).decode(part, part.length, 1234), "cut at " + cut);
      assertEquals(1234, e.offset(), "cut at " + cut + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("f.aedat4"), e.getMessage());
    }
  }

  @Test
  void outputBeyondTheLimitIsRefused() {
    byte[] data = data("periods", 100_000, 5);
    byte[] frame = Lz4Frames.compress(data, BlockSize.K64, true, false, false);
    assertThrows(LimitExceededException.class, () -> decode(new Lz4FrameDecoder("test", 50_000), frame));
    assertArrayEquals(data, decode(new Lz4FrameDecoder("test", 100_000), frame), "exactly at the limit");
  }

  private static byte[] decode(Lz4FrameDecoder decoder, byte[] frame) {
    int n = decoder.decode(frame, frame.length, 0);
    return Arrays.copyOf(decoder.buffer(), n);
  }

  /**
   * Test data of about {@code n} bytes. {@code events}: AEDAT 4.0 event structs (increasing timestamps, random
   * x, y and polarity), the decoder's main input; {@code periods}: runs that repeat a pattern of 1 to 9 bytes
   * (overlapping matches at small offsets) or a long stretch (long non-overlapping matches); {@code random}: bytes
   * that do not compress (uncompressed blocks); {@code mixed}: all of these in turns, with literal runs of
   * 0 to 600 bytes (length bytes of 255 and beyond).
   */
  static byte[] data(String kind, int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    ByteBuffer b = ByteBuffer.allocate(n + 4096).order(ByteOrder.LITTLE_ENDIAN);
    long t = 1_700_000_000_000_000L;
    while (b.position() < n) {
      String part = kind.equals("mixed") ? new String[] {"events", "periods", "random"}[rng.nextInt(3)] : kind;
      switch (part) {
        case "events" -> {
          for (int i = 0; i < 1 + rng.nextInt(200) && b.position() < n; i++) {
            t += rng.nextInt(50);
            b.putLong(t).putShort((short) rng.nextInt(640)).putShort((short) rng.nextInt(480))
                .put((byte) rng.nextInt(2)).put(new byte[3]);
          }
        }
        case "periods" -> {
          int period = rng.nextInt(10) == 0 ? 100 + rng.nextInt(4000) : 1 + rng.nextInt(9);
          byte[] p = new byte[period];
          rng.nextBytes(p);
          int len = 4 + rng.nextInt(rng.nextInt(10) == 0 ? 5000 : 40);
          for (int i = 0; i < len && b.position() < n; i++) {
            b.put(p[i % period]);
          }
        }
        default -> {
          byte[] r = new byte[rng.nextInt(600)];
          rng.nextBytes(r);
          b.put(r);
        }
      }
    }
    return Arrays.copyOf(b.array(), b.position());
  }

  /** A frame stating a content size of 5 bytes that decodes to 832 was accepted, 50 events, exit 0. */
  @Test
  void aStatedContentSizeTheContentDoesNotHaveIsRefused() {
    byte[] data = new byte[832];
    Arrays.fill(data, (byte) 7);
    ByteBuffer f = ByteBuffer.allocate(7 + 8 + 4 + data.length + 4).order(ByteOrder.LITTLE_ENDIAN);
    f.putInt(0x184D2204).put((byte) 0x68).put((byte) 0x40).putLong(5).put((byte) 0); // FLG: v1, independent, size
    f.putInt(0x80000000 | data.length).put(data).putInt(0); // one stored block, end mark
    byte[] frame = f.array();
    frame[14] = descriptorChecksum(frame, 14);
    EvshardIoException e = assertThrows(EvshardIoException.class,
        () -> decode(new Lz4FrameDecoder("test", MAX), frame));
    assertTrue(e.getMessage().contains("LZ4 frame states a content size of 5 bytes but decodes to 832"),
        e.getMessage());
    ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putLong(6, data.length);
    frame[14] = descriptorChecksum(frame, 14);
    assertArrayEquals(data, decode(new Lz4FrameDecoder("test", MAX), frame));
  }

  /** The descriptor checksum byte: the second byte of xxHash32 (seed 0) of FLG up to the byte before it. */
  private static byte descriptorChecksum(byte[] frame, int at) {
    XXHash32 h = new XXHash32();
    h.update(frame, 4, at - 4);
    return (byte) (h.getValue() >>> 8);
  }

  /**
   * Checksums were skipped: a frame whose descriptor, block or content did not hash to its stated checksum decoded
   * as if whole. Each of the three is now refused with its offset; commons-compress (which verifies them) refuses
   * the same frames.
   */
  @ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"descriptor checksum", "block checksum", "block byte",
      "content checksum", "stored block byte"})
  void aChecksumThatDoesNotMatchIsRefused(String where) {
    // random bytes do not shrink: commons-compress stores their blocks uncompressed
    byte[] data = data(where.startsWith("stored") ? "random" : "mixed", 30_000, 11);
    byte[] frame = Lz4Frames.compress(data, BlockSize.K64, true, true, true);
    assertArrayEquals(data, decode(new Lz4FrameDecoder("test", MAX), frame), "unchanged");
    ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
    int first = 7; // FLG 0x74 (v1, block and content checksums, dependent), BD, descriptor checksum; no size
    int firstBlock = b.getInt(first) & 0x7FFFFFFF;
    int damaged = switch (where) {
      case "descriptor checksum" -> 6;
      case "block checksum" -> first + 4 + firstBlock;
      case "block byte" -> first + 4 + firstBlock / 2;
      case "content checksum" -> frame.length - 1;
      default -> storedBlockByte(frame);
    };
    byte[] bad = frame.clone();
    bad[damaged] ^= 0x10;
    assertEquals(null, Lz4Frames.referenceDecode(bad, MAX), "commons-compress refuses it too");
    EvshardIoException e = assertThrows(EvshardIoException.class,
        () -> decode(new Lz4FrameDecoder("f.aedat4", MAX), bad), where);
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    assertTrue(e.getMessage().contains("f.aedat4"), e.getMessage());
  }

  /** A byte inside the first block stored uncompressed (random data does not shrink). */
  private static int storedBlockByte(byte[] frame) {
    ByteBuffer b = ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN);
    for (int p = 7; ; ) {
      int word = b.getInt(p);
      int n = word & 0x7FFFFFFF;
      if (word < 0) {
        return p + 4 + n / 2;
      }
      if (word == 0) {
        throw new IllegalStateException("no stored block");
      }
      p += 4 + n + 4;
    }
  }
}
