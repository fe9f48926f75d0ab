package org.evshard.io.hdf5;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses one Blosc 1.x chunk (c-blosc's README_CHUNK_FORMAT; the format written by c-blosc 1.x, python-blosc
 * and the HDF5 Blosc filter): a 16-byte {@link BloscHeader}, then either the data as it is ("memcpyed") or one 4-byte
 * start offset per block followed by the blocks. Each block is stored as one stream or, when split, as typesize
 * streams; each stream is a 4-byte compressed length and that many bytes, stored raw when the length equals the
 * stream's uncompressed size. Codecs: BloscLZ and LZ4/LZ4HC (evshard's own decoders), zlib ({@link Inflater}), Zstd
 * (zstd-jni); Snappy is refused by name. Blocks are then byte- or bit-unshuffled.
 *
 * <p>Damaged input: every size read from the chunk is checked against the chunk's length and the declared sizes
 * before anything is allocated, {@code nbytes} against the caller's limit and against the codec's largest
 * compression ratio times the chunk's size (so a short chunk cannot allocate much), and every stream must decode to
 * exactly its size; failures are {@link BloscFormatException}s naming the block, split and byte offset. Thread-safe:
 * all state is per call.
 */
public final class BloscDecoder {

  private BloscDecoder() {}

  /**
   * Decompresses {@code chunk}.
   *
   * @param maxBytes the largest uncompressed size accepted (a damaged {@code nbytes} fails before any allocation)
   * @throws BloscFormatException when the chunk is damaged
   * @throws BloscCodecUnsupportedException when the chunk is compressed with Snappy
   */
  public static byte[] decode(byte[] chunk, int maxBytes) {
    BloscHeader h = checkedHeader(chunk, maxBytes);
    int nbytes = h.nbytes();
    if (nbytes == 0) {
      return new byte[0];
    }
    if (h.memcpyed()) {
      if (h.cbytes() != BloscHeader.SIZE + (long) nbytes) {
        throw new BloscFormatException("a memcpyed Blosc chunk of " + nbytes + " bytes must have cbytes "
            + (BloscHeader.SIZE + (long) nbytes) + ", found " + h.cbytes());
      }
      byte[] out = new byte[nbytes];
      System.arraycopy(chunk, BloscHeader.SIZE, out, 0, nbytes);
      return out;
    }
    int blocksize = h.blocksize();
    if (blocksize <= 0 || blocksize > nbytes) {
      throw new BloscFormatException("Blosc blocksize " + blocksize + ", expected 1.." + nbytes + " (nbytes)");
    }
    int blocks = nbytes / blocksize + (nbytes % blocksize == 0 ? 0 : 1);
    long tableEnd = BloscHeader.SIZE + 4L * blocks;
    if (tableEnd > h.cbytes()) {
      throw new BloscFormatException("Blosc chunk of " + h.cbytes() + " bytes (cbytes) cannot hold the start offsets"
          + " of " + blocks + " blocks (" + nbytes + " bytes in blocks of " + blocksize + ")");
    }
    for (int j = 0; j < blocks; j++) {
      int start = BloscHeader.intAt(chunk, BloscHeader.SIZE + 4 * j);
      if (start < tableEnd || start > h.cbytes() - 4) {
        throw new BloscFormatException("Blosc block " + j + " starts at byte " + start + ", expected "
            + tableEnd + ".." + (h.cbytes() - 4) + " (after the offset table, inside cbytes " + h.cbytes() + ")");
      }
    }
    if (h.codec() == BloscHeader.SNAPPY) {
      throw new BloscCodecUnsupportedException("Blosc chunk compressed with snappy, which evshard does not decode "
          + "(blosclz, lz4, lz4hc, zlib and zstd are supported)");
    }
    byte[] out = new byte[nbytes];
    boolean shuffled = h.byteShuffled() || h.bitShuffled();
    byte[] scratch = shuffled ? new byte[blocksize] : null;
    try (Streams streams = new Streams(h.codec())) {
      for (int j = 0; j < blocks; j++) {
        int at = j * blocksize;
        boolean leftover = j == blocks - 1 && nbytes % blocksize != 0;
        int size = leftover ? nbytes - at : blocksize;
        int start = BloscHeader.intAt(chunk, BloscHeader.SIZE + 4 * j);
        if (shuffled) {
          block(chunk, h, streams, j, start, size, leftover, scratch, 0);
          if (h.byteShuffled()) {
            BloscUnshuffle.bytes(scratch, out, at, size, h.typesize());
          } else {
            BloscUnshuffle.bits(scratch, out, at, size, h.typesize());
          }
        } else {
          block(chunk, h, streams, j, start, size, leftover, out, at);
        }
      }
    }
    return out;
  }

  /**
   * Whether {@code chunk} starts with a Blosc 1.x header declaring exactly {@code nbytes} uncompressed bytes stored in
   * exactly the chunk's length: how a Blosc chunk that happens to be as long as its data is told apart from data HDF5
   * stored unfiltered (see {@link BloscFilter}).
   */
  static boolean declares(byte[] chunk, long nbytes) {
    if (chunk.length < BloscHeader.SIZE) {
      return false;
    }
    BloscHeader h = BloscHeader.read(chunk);
    return (h.version() == 1 || h.version() == 2) && h.nbytes() == nbytes && h.cbytes() == chunk.length;
  }

  private static BloscHeader checkedHeader(byte[] chunk, int maxBytes) {
    if (chunk.length < BloscHeader.SIZE) {
      throw new BloscFormatException("a Blosc chunk of at least " + BloscHeader.SIZE + " header bytes, found "
          + chunk.length + " bytes");
    }
    BloscHeader h = BloscHeader.read(chunk);
    if (h.version() != 1 && h.version() != 2) {
      throw new BloscFormatException("Blosc format version " + h.version() + ", expected 1 or 2 (Blosc 1.x; Blosc2 "
          + "chunks are not read)");
    }
    if (h.codec() > BloscHeader.ZSTD) {
      throw new BloscFormatException("Blosc codec code " + h.codec() + " in flags 0x" + Integer.toHexString(h.flags())
          + ", expected 0 (blosclz), 1 (lz4), 2 (snappy), 3 (zlib) or 4 (zstd)");
    }
    if (h.typesize() == 0) {
      throw new BloscFormatException("Blosc typesize 0, expected 1..255");
    }
    if (h.nbytes() < 0 || h.nbytes() > maxBytes) {
      throw new BloscFormatException("Blosc nbytes " + Integer.toUnsignedString(h.nbytes()) + ", expected 0.."
          + maxBytes);
    }
    if (h.cbytes() < BloscHeader.SIZE || h.cbytes() > chunk.length) {
      throw new BloscFormatException("Blosc cbytes " + Integer.toUnsignedString(h.cbytes()) + ", expected "
          + BloscHeader.SIZE + ".." + chunk.length + " (the chunk's length)");
    }
    if (!h.memcpyed() && h.nbytes() > BloscHeader.maxRatio(h.codec()) * h.cbytes()) {
      throw new BloscFormatException("Blosc nbytes " + h.nbytes() + " from cbytes " + h.cbytes() + ": more than "
          + BloscHeader.codecName(h.codec()) + "'s largest ratio (" + BloscHeader.maxRatio(h.codec())
          + ":1) can hold");
    }
    return h;
  }

  /** Decodes block {@code j} ({@code size} bytes, streams from chunk byte {@code start}) into {@code dst[at...]}. */
  private static void block(byte[] chunk, BloscHeader h, Streams streams, int j, int start, int size,
      boolean leftover, byte[] dst, int at) {
    int splits = h.splits(size, leftover);
    if (size % splits != 0) {
      throw new BloscFormatException("Blosc block " + j + " of " + size + " bytes does not divide into " + splits
          + " streams of typesize " + h.typesize());
    }
    int streamSize = size / splits;
    int p = start;
    for (int s = 0; s < splits; s++) {
      if (p > h.cbytes() - 4) {
        throw new BloscFormatException("Blosc block " + j + " stream " + s + ": its length at byte " + p
            + " lies beyond cbytes " + h.cbytes());
      }
      int length = BloscHeader.intAt(chunk, p);
      p += 4;
      if (length < 0 || length > h.cbytes() - p) {
        throw new BloscFormatException("Blosc block " + j + " stream " + s + " at byte " + p + " declares "
            + Integer.toUnsignedString(length) + " compressed bytes, only " + (h.cbytes() - p) + " left in cbytes "
            + h.cbytes());
      }
      int to = at + s * streamSize;
      if (length == streamSize) {
        System.arraycopy(chunk, p, dst, to, streamSize);
      } else {
        try {
          streams.decode(chunk, p, length, dst, to, streamSize);
        } catch (BloscFormatException e) {
          throw new BloscFormatException("Blosc block " + j + " stream " + s + " (" + length + " bytes at byte " + p
              + ", " + BloscHeader.codecName(h.codec()) + "): " + e.getMessage(), e);
        }
      }
      p += length;
    }
  }

  /** The codec of one chunk, with the native contexts zlib and Zstd need, released on close. */
  private static final class Streams implements AutoCloseable {
    private final int codec;
    private Inflater inflater;
    private ZstdDecompressCtx zstd;

    Streams(int codec) {
      this.codec = codec;
    }

    void decode(byte[] src, int from, int length, byte[] dst, int at, int size) {
      switch (codec) {
        case BloscHeader.BLOSCLZ -> BloscLzStream.decode(src, from, length, dst, at, size);
        case BloscHeader.LZ4 -> Lz4BlockStream.decode(src, from, length, dst, at, size);
        case BloscHeader.ZLIB -> inflate(src, from, length, dst, at, size);
        case BloscHeader.ZSTD -> unzstd(src, from, length, dst, at, size);
        default -> throw new IllegalStateException("codec " + codec + " passed the header check");
      }
    }

    private void inflate(byte[] src, int from, int length, byte[] dst, int at, int size) {
      if (inflater == null) {
        inflater = new Inflater();
      } else {
        inflater.reset();
      }
      inflater.setInput(src, from, length);
      int n;
      try {
        n = inflater.inflate(dst, at, size);
      } catch (DataFormatException e) {
        throw new BloscFormatException("zlib stream: " + e.getMessage(), e);
      }
      if (n != size || !inflater.finished()) {
        throw new BloscFormatException("a zlib stream of " + length + " bytes decodes to " + n
            + (inflater.finished() ? "" : "+") + " bytes, expected " + size);
      }
    }

    private void unzstd(byte[] src, int from, int length, byte[] dst, int at, int size) {
      if (zstd == null) {
        zstd = new ZstdDecompressCtx();
      }
      int n;
      try {
        n = zstd.decompressByteArray(dst, at, size, src, from, length);
      } catch (ZstdException e) {
        throw new BloscFormatException("Zstd stream: " + e.getMessage(), e);
      }
      if (n != size) {
        throw new BloscFormatException("a Zstd stream of " + length + " bytes decodes to " + n + " bytes, expected "
            + size);
      }
    }

    @Override
    public void close() {
      if (inflater != null) {
        inflater.end();
      }
      if (zstd != null) {
        zstd.close();
      }
    }
  }
}
