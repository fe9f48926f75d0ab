package org.evshard.io.hdf5;

/**
 * Undoes Blosc's two shuffles of one block (c-blosc shuffle-generic.c and bitshuffle-generic.c, as dispatched by
 * shuffle.c), from a scratch array into the output.
 */
final class BloscUnshuffle {

  private BloscUnshuffle() {}

  /**
   * Byte unshuffle: the block holds byte 0 of every element, then byte 1 of every element, and so on; the bytes
   * after the last whole element ({@code size % typesize}) are stored as they are.
   */
  static void bytes(byte[] src, byte[] dst, int at, int size, int typesize) {
    int elements = size / typesize;
    for (int j = 0; j < typesize; j++) {
      int row = j * elements;
      int out = at + j;
      for (int i = 0; i < elements; i++) {
        dst[out] = src[row + i];
        out += typesize;
      }
    }
    int whole = elements * typesize;
    System.arraycopy(src, whole, dst, at + whole, size - whole);
  }

  /**
   * Bit unshuffle. When the block's element count is a multiple of 8, it holds {@code 8 * typesize} rows of
   * {@code elements / 8} bytes, row {@code 8 j + k} holding bit k of byte j of every element (element {@code 8 q + m}
   * at bit m of the row's byte q), followed by the bytes after the last whole element as they are. Otherwise
   * (c-blosc 1.x leaves such blocks alone) the whole block is stored as it is.
   */
  static void bits(byte[] src, byte[] dst, int at, int size, int typesize) {
    int elements = size / typesize;
    if (elements % 8 != 0) {
      System.arraycopy(src, 0, dst, at, size);
      return;
    }
    int rowBytes = elements / 8;
    for (int j = 0; j < typesize; j++) {
      int rows = 8 * j * rowBytes;
      for (int q = 0; q < rowBytes; q++) {
        long x = 0;
        for (int k = 0; k < 8; k++) {
          x |= (long) (src[rows + k * rowBytes + q] & 0xFF) << (8 * k);
        }
        x = transpose8x8(x);
        int out = at + 8 * q * typesize + j;
        for (int m = 0; m < 8; m++) {
          dst[out] = (byte) x;
          x >>>= 8;
          out += typesize;
        }
      }
    }
    int whole = elements * typesize;
    System.arraycopy(src, whole, dst, at + whole, size - whole);
  }

  /** The transpose of an 8x8 bit matrix stored by rows, one byte each (bit {@code 8 r + c} goes to {@code 8 c + r}). */
  static long transpose8x8(long x) {
    long t = (x ^ (x >>> 7)) & 0x00AA00AA00AA00AAL;
    x ^= t ^ (t << 7);
    t = (x ^ (x >>> 14)) & 0x0000CCCC0000CCCCL;
    x ^= t ^ (t << 14);
    t = (x ^ (x >>> 28)) & 0x00000000F0F0F0F0L;
    return x ^ t ^ (t << 28);
  }
}
