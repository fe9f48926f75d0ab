package org.evshard.io.aedat;

import io.airlift.compress.lz4.Lz4Compressor;

/**
 * Encodes bytes as one LZ4 frame of independent 64 KiB blocks, no checksums (frame header
 * {@code 04 22 4D 18 60 40 82}); blocks that do not shrink are stored raw. The block compressor is aircompressor's
 * (already on the class path through parquet-hadoop).
 */
final class Lz4FrameEncoder {

  static final int BLOCK_BYTES = 1 << 16;
  /** Magic, FLG (version 01, independent blocks), BD (64 KiB blocks), header checksum (xxh32 of FLG BD, byte 1). */
  private static final byte[] HEADER = {0x04, 0x22, 0x4D, 0x18, 0x60, 0x40, (byte) 0x82};

  private final Lz4Compressor compressor = new Lz4Compressor();
  private final int blockBound = compressor.maxCompressedLength(BLOCK_BYTES);
  private byte[] out = new byte[0];

  byte[] buffer() {
    return out;
  }

  /** Encodes {@code src[0, length)} into {@link #buffer()}; returns the frame's length. */
  int encode(byte[] src, int length) {
    int blocks = (length + BLOCK_BYTES - 1) / BLOCK_BYTES;
    int bound = HEADER.length + blocks * (4 + blockBound) + 4;
    if (out.length < bound) {
      out = new byte[bound];
    }
    System.arraycopy(HEADER, 0, out, 0, HEADER.length);
    int op = HEADER.length;
    for (int i = 0; i < length; i += BLOCK_BYTES) {
      int k = Math.min(BLOCK_BYTES, length - i);
      int n = compressor.compress(src, i, k, out, op + 4, blockBound);
      if (n >= k) {
        System.arraycopy(src, i, out, op + 4, k);
        LE.putInt(out, op, k | 0x80000000);
        op += 4 + k;
      } else {
        LE.putInt(out, op, n);
        op += 4 + n;
      }
    }
    LE.putInt(out, op, 0);
    return op + 4;
  }
}
