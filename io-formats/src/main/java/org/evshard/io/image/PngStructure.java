package org.evshard.io.image;

import org.evshard.io.error.CorruptInputException;

/**
 * Checks that a PNG's chunks are whole before OpenCV reads them: from the signature on, every chunk's declared length
 * must fit, with its type and CRC, in the bytes left (which also keeps it under the spec's 2^31 - 1), up to the IEND
 * chunk. OpenCV 4.13's PNG reader allocates a chunk's declared length before it reads the chunk, so without this
 * check a 106-byte file whose IDAT declares 4 GB made it allocate and fill 4 GB over ten seconds (found by
 * {@code ImageDecoderFuzzTest}). A PNG cut before IEND is refused as truncated, as OpenCV refuses it too ("input buffer
 * is incomplete"); bytes after IEND are allowed, as OpenCV allows them. Chunk types and CRCs are left to OpenCV.
 */
final class PngStructure {

  private static final int IEND = ('I' << 24) | ('E' << 16) | ('N' << 8) | 'D';

  private PngStructure() {}

  static void checkComplete(byte[] b, String source) {
    int pos = 8; // after the signature, which the probe has checked
    while (b.length - pos >= 8) { // length and type present
      long length = u32(b, pos);
      long room = b.length - pos - 12L; // bytes left for the data once the length, type and CRC are counted
      if (length > room) {
        throw new CorruptInputException(source, pos, "a PNG chunk length of at most the "
            + Math.max(room, 0) + " bytes left (after its length, type and CRC)", Long.toString(length));
      }
      int type = (int) u32(b, pos + 4);
      pos += 12 + (int) length;
      if (type == IEND) {
        return;
      }
    }
    throw new CorruptInputException(source, b.length, "PNG is truncated: no IEND chunk before the end of the data");
  }

  private static long u32(byte[] b, int at) {
    return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
  }
}
