package org.evshard.io.hdf5;

/**
 * Decodes one raw LZ4 block (lz4_Block_format.md: sequences of a token, literal length, literals, 2-byte offset and
 * match length; the last sequence has literals only) into an exact number of bytes, as Blosc stores its LZ4 and
 * LZ4HC streams. Every length and offset is checked before it is used. evshard's LZ4 frame decoder (AEDAT4) keeps
 * its block decoding private to its growing frame buffer, so Blosc has this small one.
 */
final class Lz4BlockStream {

  private static final int MIN_MATCH = 4;

  private Lz4BlockStream() {}

  /**
   * Decodes {@code src[from, from + length)} into exactly {@code dst[at, at + size)}.
   *
   * @throws BloscFormatException when the block is damaged or does not decode to exactly {@code size} bytes
   */
  static void decode(byte[] src, int from, int length, byte[] dst, int at, int size) {
    int ip = from;
    int end = from + length;
    int op = at;
    int limit = at + size;
    while (true) {
      if (ip >= end) {
        throw damaged("the block ends before a sequence token", ip, from, op, at);
      }
      int token = src[ip++] & 0xFF;
      int literals = token >>> 4;
      if (literals == 15) {
        int extra;
        do {
          if (ip >= end) {
            throw damaged("the block ends inside a literal length", ip, from, op, at);
          }
          extra = src[ip++] & 0xFF;
          literals += extra;
          if (literals > size) {
            throw damaged("a literal run of more than " + size + " bytes", ip, from, op, at);
          }
        } while (extra == 255);
      }
      if (literals > end - ip) {
        throw damaged("a literal run of " + literals + " bytes overruns the block", ip, from, op, at);
      }
      if (literals > limit - op) {
        throw damaged("a literal run of " + literals + " bytes overruns the " + size + "-byte output", ip, from, op,
            at);
      }
      System.arraycopy(src, ip, dst, op, literals);
      ip += literals;
      op += literals;
      if (ip == end) {
        break; // the last sequence: literals only
      }
      if (end - ip < 2) {
        throw damaged("the block ends inside a match offset", ip, from, op, at);
      }
      int offset = src[ip] & 0xFF | (src[ip + 1] & 0xFF) << 8;
      ip += 2;
      if (offset == 0 || offset > op - at) {
        throw damaged("match offset " + offset + " reaches before the output start", ip, from, op, at);
      }
      int len = token & 15;
      if (len == 15) {
        int extra;
        do {
          if (ip >= end) {
            throw damaged("the block ends inside a match length", ip, from, op, at);
          }
          extra = src[ip++] & 0xFF;
          len += extra;
          if (len > size) {
            throw damaged("a match of more than " + size + " bytes", ip, from, op, at);
          }
        } while (extra == 255);
      }
      len += MIN_MATCH;
      if (len > limit - op) {
        throw damaged("a match of " + len + " bytes overruns the " + size + "-byte output", ip, from, op, at);
      }
      int ref = op - offset;
      if (offset >= len) {
        System.arraycopy(dst, ref, dst, op, len);
      } else {
        for (int i = 0; i < len; i++) {
          dst[op + i] = dst[ref + i];
        }
      }
      op += len;
    }
    if (op != limit) {
      throw new BloscFormatException("an LZ4 block of " + length + " bytes decodes to " + (op - at)
          + " bytes, expected " + size);
    }
  }

  private static BloscFormatException damaged(String what, int ip, int from, int op, int at) {
    return new BloscFormatException("LZ4 block: " + what + " (block byte " + (ip - from) + ", output byte "
        + (op - at) + ")");
  }
}
