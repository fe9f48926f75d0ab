package org.evshard.io.hdf5;

/**
 * The 16-byte header of a Blosc 1.x chunk (c-blosc README_CHUNK_FORMAT), fields as stored, not yet checked:
 * format version, codec format version, flags, type size, then little-endian {@code nbytes} (uncompressed size),
 * {@code blocksize} and {@code cbytes} (the chunk's size including this header).
 *
 * <p>Flags: bit 0 byte shuffle, bit 1 "memcpyed" (the data follows the header uncompressed), bit 2 bit shuffle,
 * bit 4 "do not split blocks into typesize streams", bits 5-7 the codec format (0 BloscLZ, 1 LZ4 and LZ4HC,
 * 2 Snappy, 3 zlib, 4 Zstd).
 */
record BloscHeader(int version, int codecVersion, int flags, int typesize, int nbytes, int blocksize, int cbytes) {

  static final int SIZE = 16;
  static final int BYTE_SHUFFLE = 0x01;
  static final int MEMCPYED = 0x02;
  static final int BIT_SHUFFLE = 0x04;
  static final int DONT_SPLIT = 0x10;

  static final int BLOSCLZ = 0;
  static final int LZ4 = 1;
  static final int SNAPPY = 2;
  static final int ZLIB = 3;
  static final int ZSTD = 4;

  /** Reads the header of {@code chunk}, which must hold at least {@link #SIZE} bytes. */
  static BloscHeader read(byte[] chunk) {
    return new BloscHeader(chunk[0] & 0xFF, chunk[1] & 0xFF, chunk[2] & 0xFF, chunk[3] & 0xFF, intAt(chunk, 4),
        intAt(chunk, 8), intAt(chunk, 12));
  }

  /** The codec format, bits 5-7 of the flags. */
  int codec() {
    return flags >>> 5;
  }

  boolean memcpyed() {
    return (flags & MEMCPYED) != 0;
  }

  /** Byte shuffle applies to types wider than one byte only (c-blosc skips it for typesize 1). */
  boolean byteShuffled() {
    return (flags & BYTE_SHUFFLE) != 0 && typesize > 1;
  }

  /** Bit shuffle, which c-blosc undoes only when byte shuffle does not apply. */
  boolean bitShuffled() {
    return !byteShuffled() && (flags & BIT_SHUFFLE) != 0;
  }

  /**
   * The number of streams a block of {@code size} bytes is stored as: typesize streams unless the "do not split"
   * flag is set, the type is wider than 16 bytes, the block holds fewer than 128 elements or it is the shorter last
   * block (c-blosc's rule, which also covers chunks written before the flag existed).
   */
  int splits(int size, boolean leftoverBlock) {
    boolean split = (flags & DONT_SPLIT) == 0 && typesize <= 16 && size / typesize >= 128 && !leftoverBlock;
    return split ? typesize : 1;
  }

  /**
   * An upper bound of the codec's compression ratio, so that a damaged {@code nbytes} cannot make a short chunk
   * allocate much more than its data could decode to: a BloscLZ or LZ4 match takes at least one byte per 255 bytes
   * copied, deflate at least 2 bits per 258 bytes (1032:1), a Zstd RLE block 4 bytes per 128 KiB (32768:1).
   */
  static long maxRatio(int codec) {
    return switch (codec) {
      case ZLIB -> 1032;
      case ZSTD -> 32768;
      default -> 256;
    };
  }

  /** The codec's name, for messages. */
  static String codecName(int codec) {
    return switch (codec) {
      case BLOSCLZ -> "blosclz";
      case LZ4 -> "lz4";
      case SNAPPY -> "snappy";
      case ZLIB -> "zlib";
      case ZSTD -> "zstd";
      default -> "unknown codec " + codec;
    };
  }

  /** The little-endian 32-bit integer at {@code at}. */
  static int intAt(byte[] b, int at) {
    return b[at] & 0xFF | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
  }
}
