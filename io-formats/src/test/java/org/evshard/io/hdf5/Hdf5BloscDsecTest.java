package org.evshard.io.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.api.dataset.ChunkedDataset;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DSEC-layout files compressed with the HDF5 Blosc filter (id 32001), as real DSEC recordings are, written by h5py
 * and the HDF5 Blosc plugin ({@code scripts/MakeBloscFixtures.py}), not by evshard: every dataset, {@code t_offset}
 * and {@code ms_to_idx} included, goes through the filter. Event i is the script's formula ({@link #expected}).
 */
class Hdf5BloscDsecTest {

  private static final String ZSTD = "dsec_zstd_shuffle.h5";

  /** File, events, t_offset: Zstd + byte shuffle (DSEC's codec) over two read blocks; LZ4 + bit shuffle; BloscLZ. */
  @ParameterizedTest
  @ValueSource(strings = {ZSTD + ":70000:49000000000", "dsec_lz4_bitshuffle.h5:5000:1000",
      "dsec_blosclz_noshuffle_incompressible_chunk.h5:3000:0"})
  void h5pyWrittenBloscDsecFileDecodesEveryEvent(String spec, @TempDir Path tmp) throws IOException {
    String[] parts = spec.split(":");
    int n = Integer.parseInt(parts[1]);
    long tOffset = Long.parseLong(parts[2]);
    Path f = resource(parts[0], tmp);
    Events expected = expected(n, tOffset, parts[0].contains("incompressible") ? 777 : 0);
    for (int chunk : new int[] {1, 7, 4096, 1_000_000}) {
      EventsBuilder b = new EventsBuilder();
      ReadOptions o = ReadOptions.defaults().withChunkSize(chunk);
      try (Hdf5EventReader r = Hdf5EventReader.open(f, parts[0], o, null)) {
        assertEquals("dsec", r.headerFields().get("layout"));
        assertEquals("blosc", r.headerFields().get("compression"));
        assertEquals(n, r.eventCount());
        assertEquals(tOffset == 0 ? null : Long.toString(tOffset), r.headerFields().get("t_offset"));
        EventChunk c = new EventChunk(chunk);
        while (r.nextChunk(c)) {
          assertTrue(c.size() > 0 && c.size() <= chunk);
          b.add(c);
        }
      }
      assertEquals(expected, b.build(), parts[0] + " in chunks of " + chunk);
    }
    try (EventReader r = EventFormats.defaults().open(f, null, ReadOptions.defaults())) {
      assertEquals("hdf5", r.formatName());
      assertEquals(expected, r.readAll(ReadOptions.defaults()));
    }
  }

  /**
   * The Blosc seed of {@link Hdf5EventReaderFuzzTest}, in the newest HDF5 format (fixed-array chunk index, 3 KB),
   * decodes in full, so the fuzzer starts from a file that reaches the filter.
   */
  @Test
  void theLatestFormatFuzzSeedDecodesEveryEvent(@TempDir Path tmp) throws IOException {
    Path f = Files.write(tmp.resolve("seed.h5"),
        BloscFixtures.resource("Hdf5EventReaderFuzzTestInputs/readsAnyBytes/dsec_blosc_zstd_latest_format"));
    assertEquals(expected(300, 1000, 0), readAll(f));
  }

  /**
   * The optional Blosc filter leaves chunks it cannot shrink unfiltered (HDF5 sets the chunk's filter mask, which
   * jhdf does not read): the first t chunk of this file is stored as its 777 x 4 raw bytes, and the test above reads
   * its hashed values back.
   */
  @Test
  void aChunkHdf5StoredUnfilteredIsReadAsItIs(@TempDir Path tmp) throws IOException {
    Path f = resource("dsec_blosclz_noshuffle_incompressible_chunk.h5", tmp);
    try (HdfFile hdf = new HdfFile(f)) {
      ChunkedDataset t = (ChunkedDataset) hdf.getDatasetByPath("events/t");
      assertEquals(777 * 4, t.getRawChunkBuffer(new int[] {0}).remaining());
      assertTrue(t.getRawChunkBuffer(new int[] {777}).remaining() < 777 * 4, "the second chunk is compressed");
      long[] head = (long[]) t.getData(new long[] {0}, new int[] {3});
      assertEquals(hashedT(0), head[0]);
      assertEquals(hashedT(2), head[2]);
    }
  }

  @Test
  void aDamagedNbytesIsCorruptNamingTheDatasetWithoutAHeapAllocation(@TempDir Path tmp) throws IOException {
    Path f = damagedTChunk(tmp, (b, at) -> putInt(b, at + 4, 0x7FFFFFF0));
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> readAll(f));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertEquals(-1, e.offset());
    assertTrue(e.getMessage().contains("cannot read events 0..65535 of /events/t: HDF5 Blosc chunk of ")
        && e.getMessage().contains("Blosc nbytes 2147483632, expected 0..8752"), e.getMessage());
    assertTrue(allocated < 32L << 20, "allocated " + allocated + " bytes");
  }

  @Test
  void aChunkShorterThanItsCbytesIsCorrupt(@TempDir Path tmp) throws IOException {
    int[] cbytes = new int[1];
    Path f = damagedTChunk(tmp, (b, at) -> {
      cbytes[0] = BloscHeader.intAt(b, at + 12);
      putInt(b, at + 12, cbytes[0] + 1);
    });
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> readAll(f));
    assertTrue(e.getMessage().contains("of /events/t") && e.getMessage().contains("Blosc cbytes " + (cbytes[0] + 1)
        + ", expected 16.." + cbytes[0]), e.getMessage());
  }

  @Test
  void aStreamLengthBeyondTheChunkIsCorrupt(@TempDir Path tmp) throws IOException {
    Path f = damagedTChunk(tmp, (b, at) -> putInt(b, at + BloscHeader.intAt(b, at + 16), 1 << 20));
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> readAll(f));
    assertTrue(e.getMessage().contains("of /events/t") && e.getMessage().contains("Blosc block 0 stream 0 at byte")
        && e.getMessage().contains("declares 1048576 compressed bytes"), e.getMessage());
  }

  @Test
  void aFlippedVersionBitOrAnUnknownCodecIsCorrupt(@TempDir Path tmp) throws IOException {
    Path version = damagedTChunk(tmp, (b, at) -> b[at] ^= 1);
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> readAll(version));
    assertTrue(e.getMessage().contains("Blosc format version 3, expected 1 or 2"), e.getMessage());
    Path codec = damagedTChunk(tmp, (b, at) -> b[at + 2] = (byte) (b[at + 2] & 0x1F | 7 << 5));
    e = assertThrows(CorruptInputException.class, () -> readAll(codec));
    assertTrue(e.getMessage().contains("Blosc codec code 7"), e.getMessage());
  }

  @Test
  void aSnappyChunkIsUnsupportedByName(@TempDir Path tmp) throws IOException {
    Path f = damagedTChunk(tmp, (b, at) -> b[at + 2] = (byte) (b[at + 2] & 0x1F | BloscHeader.SNAPPY << 5));
    UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> readAll(f));
    assertTrue(e.getMessage().contains("of /events/t") && e.getMessage().contains("snappy"), e.getMessage());
  }

  /** The DSEC columns of the script's {@code events(n)}, t_offset added; the first {@code hashed} t hashed. */
  static Events expected(int n, long tOffset, int hashed) {
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = (short) ((i / 3 + (i % 2) * 320) % 640);
      y[i] = (short) ((i / 1000 + (i % 4) * 100) % 480);
      p[i] = i % 3 == 0 || i % 11 == 4;
      t[i] = (i < hashed ? hashedT(i) : 5000 + (i / 2) * 3L) + tOffset;
    }
    return Events.wrap(x, y, t, p);
  }

  /** The script's {@code hashed_t}: values Blosc cannot compress. */
  static long hashedT(long i) {
    return ((i * 0x9E3779B1L) ^ ((i * i * 0x85EBCA6BL) >> 7)) & 0xFFFFFFFFL;
  }

  private interface Damage {
    void apply(byte[] file, int chunkAt);
  }

  /** A copy of the Zstd file whose first events/t chunk (found by its bytes) {@code damage} changed in place. */
  private Path damagedTChunk(Path tmp, Damage damage) throws IOException {
    Path f = resource(ZSTD, tmp);
    byte[] chunk;
    try (HdfFile hdf = new HdfFile(f)) {
      ByteBuffer raw = ((ChunkedDataset) hdf.getDatasetByPath("events/t")).getRawChunkBuffer(new int[] {0});
      chunk = new byte[raw.remaining()];
      raw.get(chunk);
    }
    byte[] file = Files.readAllBytes(f);
    int at = indexOf(file, chunk);
    damage.apply(file, at);
    Path out = Files.createTempFile(tmp, "damaged-", ".h5");
    return Files.write(out, file);
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    throw new AssertionError("chunk not found in the file");
  }

  private static Events readAll(Path f) throws EvshardIoException, IOException {
    try (Hdf5EventReader r = Hdf5EventReader.open(f, f.getFileName().toString(), ReadOptions.defaults(), null)) {
      return r.readAll(ReadOptions.defaults());
    }
  }

  private static Path resource(String name, Path tmp) throws IOException {
    return Files.write(tmp.resolve(name), BloscFixtures.resource(BloscFixtures.DIR + name));
  }

  private static void putInt(byte[] b, int at, int v) {
    for (int i = 0; i < 4; i++) {
      b[at + i] = (byte) (v >>> 8 * i);
    }
  }
}
