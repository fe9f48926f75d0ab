package org.evshard.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.evshard.io.hdf5.BloscFixtures.Chunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link BloscDecoder} on chunks written by python-blosc (c-blosc 1.21.3, scripts/MakeBloscFixtures.py): every
 * codec, shuffle and typesize, compared byte for byte with the formula the script compressed; and on damaged
 * chunks, which must fail as {@link BloscFormatException} without large allocations.
 */
class BloscDecoderTest {

  private static final int MAX = BloscFilter.MAX_CHUNK_BYTES;

  static List<Chunk> decodable() {
    return BloscFixtures.decodable();
  }

  @ParameterizedTest
  @MethodSource("decodable")
  void everyPythonBloscChunkDecodesToItsFormula(Chunk c) {
    byte[] expected = c.expected();
    assertArrayEquals(expected, BloscDecoder.decode(c.compressed(), MAX), c.file());
    assertArrayEquals(expected, new BloscFilter().decode(c.compressed(), null), c.file());
    int[] hdf5FilterData = {2, 2, c.typesize(), c.bytes(), c.clevel(), 0, 0};
    assertArrayEquals(expected, new BloscFilter().decode(c.compressed(), hdf5FilterData), c.file());
  }

  /** The fixtures reach every branch the decoder takes on well-formed chunks (else the test above proves less). */
  @Test
  void theChunksCoverEveryLayoutTheDecoderDistinguishes() {
    Set<String> seen = new TreeSet<>();
    for (Chunk c : decodable()) {
      byte[] b = c.compressed();
      BloscHeader h = BloscHeader.read(b);
      seen.add("codec " + BloscHeader.codecName(h.codec()));
      if (h.memcpyed()) {
        seen.add("memcpyed");
        continue;
      }
      int blocks = (h.nbytes() + h.blocksize() - 1) / h.blocksize();
      for (int j = 0; j < blocks; j++) {
        boolean leftover = j == blocks - 1 && h.nbytes() % h.blocksize() != 0;
        int size = leftover ? h.nbytes() % h.blocksize() : h.blocksize();
        int splits = h.splits(size, leftover);
        boolean ruleWouldSplit = h.typesize() > 1 && h.typesize() <= 16 && size / h.typesize() >= 128 && !leftover;
        seen.add(leftover ? "leftover block" : "whole block");
        if (splits > 1) {
          seen.add("split into typesize streams");
        } else if (ruleWouldSplit) {
          seen.add("not split: dont-split flag");
        } else if (leftover && h.typesize() > 1 && (h.flags() & BloscHeader.DONT_SPLIT) == 0
            && size / h.typesize() >= 128) {
          seen.add("not split: leftover block, flag clear");
        }
        if (h.byteShuffled() && size % h.typesize() != 0) {
          seen.add("byte shuffle with a partial element");
        }
        if (h.bitShuffled()) {
          seen.add((size / h.typesize()) % 8 == 0 ? "bit shuffle" : "bit shuffle left raw (elements % 8 != 0)");
          if ((size / h.typesize()) % 8 == 0 && size % h.typesize() != 0) {
            seen.add("bit shuffle with a partial element");
          }
        }
        int p = BloscHeader.intAt(b, BloscHeader.SIZE + 4 * j);
        for (int s = 0; s < splits; s++) {
          int length = BloscHeader.intAt(b, p);
          seen.add(length == size / splits ? "stream stored raw" : "stream compressed");
          p += 4 + length;
        }
      }
    }
    assertEquals(new TreeSet<>(List.of("codec blosclz", "codec lz4", "codec zlib", "codec zstd", "memcpyed",
        "leftover block", "whole block", "split into typesize streams", "not split: dont-split flag",
        "not split: leftover block, flag clear", "byte shuffle with a partial element", "bit shuffle", "bit shuffle with a partial element",
        "bit shuffle left raw (elements % 8 != 0)", "stream stored raw", "stream compressed")), seen);
  }

  /**
   * Chunks written before c-blosc had the dont-split flag follow a rule instead: a block is split unless its type is
   * wider than 16 bytes or it holds fewer than 128 elements. c-blosc 1.21 always sets the flag where the rule says
   * no, so clearing it from such a chunk (blocks of 256 bytes, 32 or 64 elements) must change nothing.
   */
  @ParameterizedTest
  @ValueSource(strings = {"blosclz_shuffle_ts8.blosc", "zstd_bitshuffle_ts4.blosc", "lz4_noshuffle_ts8.blosc"})
  void withoutTheDontSplitFlagBlocksOfFewerThan128ElementsAreNotSplit(String name) {
    Chunk c = BloscFixtures.named(name);
    byte[] b = c.compressed();
    assertEquals(BloscHeader.DONT_SPLIT, b[2] & BloscHeader.DONT_SPLIT);
    b[2] &= (byte) ~BloscHeader.DONT_SPLIT;
    assertArrayEquals(c.expected(), BloscDecoder.decode(b, MAX));
  }

  @Test
  void snappyIsRefusedByName() {
    byte[] snappy = BloscFixtures.named("snappy_shuffle_ts4.blosc").compressed();
    BloscCodecUnsupportedException e = assertThrows(BloscCodecUnsupportedException.class,
        () -> BloscDecoder.decode(snappy, MAX));
    assertTrue(e.getMessage().contains("snappy"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {5, 6, 7})
  void anUnknownCodecCodeIsCorrupt(int code) {
    byte[] b = BloscFixtures.named("zstd_shuffle_ts4.blosc").compressed();
    b[2] = (byte) (b[2] & 0x1F | code << 5);
    BloscFormatException e = assertThrows(BloscFormatException.class, () -> BloscDecoder.decode(b, MAX));
    assertTrue(e.getMessage().contains("codec code " + code), e.getMessage());
  }

  @Test
  void everyTruncationFails() {
    for (String name : List.of("blosclz_shuffle_ts8.blosc", "lz4_bitshuffle_ts4.blosc", "zlib_noshuffle_ts8.blosc",
        "zstd_shuffle_ts8_ragged.blosc", "blosclz_noshuffle_ts4_clevel0_memcpyed.blosc")) {
      byte[] whole = BloscFixtures.named(name).compressed();
      for (int keep = 0; keep < whole.length; keep++) {
        byte[] cut = Arrays.copyOf(whole, keep);
        assertThrows(BloscFormatException.class, () -> BloscDecoder.decode(cut, MAX), name + " cut to " + keep);
        if (keep >= BloscHeader.SIZE) {
          // the header agreeing with the cut length: the block table or a stream must then reach past it
          putInt(cut, 12, keep);
          assertThrows(BloscFormatException.class, () -> BloscDecoder.decode(cut, MAX), name + " cut to " + keep
              + " with cbytes " + keep);
        }
      }
    }
  }

  @Test
  void aStreamLengthBeyondTheChunkNamesBlockAndStream() {
    byte[] b = BloscFixtures.named("zlib_shuffle_ts4_splitblocks.blosc").compressed();
    int block1 = BloscHeader.intAt(b, BloscHeader.SIZE + 4);
    putInt(b, block1, 1 << 20);
    BloscFormatException e = assertThrows(BloscFormatException.class, () -> BloscDecoder.decode(b, MAX));
    assertTrue(e.getMessage().startsWith("Blosc block 1 stream 0 at byte " + (block1 + 4) + " declares 1048576 "
        + "compressed bytes, only"), e.getMessage());
  }

  @Test
  void aBlockStartOutsideTheChunkIsCorrupt() {
    byte[] b = BloscFixtures.named("lz4_shuffle_ts8.blosc").compressed();
    putInt(b, BloscHeader.SIZE + 8, b.length);
    BloscFormatException e = assertThrows(BloscFormatException.class, () -> BloscDecoder.decode(b, MAX));
    assertTrue(e.getMessage().startsWith("Blosc block 2 starts at byte " + b.length), e.getMessage());
  }

  @Test
  void aDamagedStreamNamesItsBlockAndCodec() {
    byte[] b = BloscFixtures.named("zlib_shuffle_ts8.blosc").compressed();
    int block0 = BloscHeader.intAt(b, BloscHeader.SIZE);
    b[block0 + 4] ^= (byte) 0xFF; // the first zlib header byte of block 0 stream 0
    BloscFormatException e = assertThrows(BloscFormatException.class, () -> BloscDecoder.decode(b, MAX));
    assertTrue(e.getMessage().startsWith("Blosc block 0 stream 0 (") && e.getMessage().contains("zlib"),
        e.getMessage());
  }

  @Test
  void nbytesBeyondTheLimitsFailsBeforeAllocating() {
    byte[] b = BloscFixtures.named("zstd_shuffle_ts4_defaultblocks.blosc").compressed();
    for (int nbytes : new int[] {MAX + 1, 0x7FFFFFF0, -16, 200 << 20}) {
      putInt(b, 4, nbytes);
      long allocated = allocatedBy(() -> assertThrows(BloscFormatException.class, () -> BloscDecoder.decode(b, MAX),
          "nbytes " + nbytes));
      assertTrue(allocated < 1 << 20, "nbytes " + nbytes + ": allocated " + allocated + " bytes");
    }
    putInt(b, 4, 40001); // one byte more than the chunk holds, within every limit: a stream then decodes short
    assertThrows(BloscFormatException.class, () -> BloscDecoder.decode(b, MAX));
    assertThrows(BloscFormatException.class, () -> BloscDecoder.decode(b, 40000), "the caller's limit");
  }

  @Test
  void aFlippedHeaderBitIsATypedErrorOrDecodes() {
    for (Chunk c : decodable()) {
      byte[] whole = c.compressed();
      int[] filterData = {2, 2, c.typesize(), c.bytes(), c.clevel(), 0, 0};
      for (int bit = 0; bit < 8 * BloscHeader.SIZE; bit++) {
        byte[] b = whole.clone();
        b[bit / 8] ^= (byte) (1 << bit % 8);
        String what = c.file() + " bit " + bit;
        long allocated = allocatedBy(() -> {
          try {
            new BloscFilter().decode(b, filterData);
          } catch (BloscFormatException | BloscCodecUnsupportedException expected) {
            // typed
          } catch (RuntimeException e) {
            fail(what + ": " + e, e);
          }
        });
        assertTrue(allocated < 4L * c.bytes() + (1 << 20), what + ": allocated " + allocated + " bytes");
      }
      for (int bit : new int[] {0, 1, 63, 127}) { // two version bits, the top bits of nbytes and cbytes
        byte[] b = whole.clone();
        b[bit / 8] ^= (byte) (1 << bit % 8);
        assertThrows(BloscFormatException.class, () -> BloscDecoder.decode(b, MAX), c.file() + " bit " + bit);
      }
    }
  }

  @Test
  void transposingAnEightByEightBitMatrixMovesBitRowColumnToColumnRow() {
    for (int r = 0; r < 8; r++) {
      for (int col = 0; col < 8; col++) {
        assertEquals(1L << (8 * col + r), BloscUnshuffle.transpose8x8(1L << (8 * r + col)), r + "," + col);
      }
    }
  }

  private static long allocatedBy(Runnable r) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    r.run();
    return threads.getCurrentThreadAllocatedBytes() - before;
  }

  private static void putInt(byte[] b, int at, int v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> 8 * i);
    }
  }
}
