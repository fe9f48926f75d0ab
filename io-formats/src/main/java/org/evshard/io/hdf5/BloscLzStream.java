package org.evshard.io.hdf5;

/**
 * Decodes one BloscLZ stream (c-blosc's FastLZ-derived codec) into an exact number of bytes. Every length and
 * distance is checked against the bytes left in the stream and in the output before it is used.
 *
 * <p>Stream format: a sequence of instructions, each starting with a control byte {@code c} (the first one's top
 * three bits are a marker and ignored). {@code c < 32}: {@code c + 1} literal bytes follow. Otherwise a match: length
 * code {@code c >> 5} (7 means more length bytes follow, each added, until one is not 255), then one distance byte
 * {@code d}; the match copies {@code (c >> 5) + 2} bytes (plus the extra lengths) from
 * {@code ((c & 31) << 8) + d + 1} bytes back. When {@code c & 31 == 31} and {@code d == 255}, two more bytes give a
 * big-endian far distance, to which 8191 is added. Matches may overlap their own output (a run repeats the bytes just
 * written).
 */
final class BloscLzStream {

  private static final int FAR_DISTANCE_BASE = 8191;

  private BloscLzStream() {}

  /**
   * Decodes {@code src[from, from + length)} into exactly {@code dst[at, at + size)}.
   *
   * @throws BloscFormatException when the stream is damaged or does not decode to exactly {@code size} bytes
   */
  static void decode(byte[] src, int from, int length, byte[] dst, int at, int size) {
    int ip = from;
    int end = from + length;
    int op = at;
    int limit = at + size;
    if (length == 0) {
      throw new BloscFormatException("an empty BloscLZ stream, expected one decoding to " + size + " bytes");
    }
    int ctrl = src[ip++] & 31;
    while (true) {
      if (ctrl < 32) {
        int n = ctrl + 1;
        if (n > end - ip) {
          throw damaged("a literal run of " + n + " bytes overruns the stream", ip, from, op, at);
        }
        if (n > limit - op) {
          throw damaged("a literal run of " + n + " bytes overruns the " + size + "-byte output", ip, from, op, at);
        }
        System.arraycopy(src, ip, dst, op, n);
        ip += n;
        op += n;
      } else {
        int n = (ctrl >>> 5) - 1;
        if (n == 6) {
          int extra;
          do {
            if (ip >= end) {
              throw damaged("the stream ends inside a match length", ip, from, op, at);
            }
            extra = src[ip++] & 0xFF;
            n += extra;
            if (n > size) {
              throw damaged("a match of more than " + size + " bytes", ip, from, op, at);
            }
          } while (extra == 255);
        }
        if (ip >= end) {
          throw damaged("the stream ends before a match distance", ip, from, op, at);
        }
        int code = src[ip++] & 0xFF;
        int distance = ((ctrl & 31) << 8) + code;
        if (code == 255 && (ctrl & 31) == 31) {
          if (end - ip < 2) {
            throw damaged("the stream ends inside a far match distance", ip, from, op, at);
          }
          distance = ((src[ip] & 0xFF) << 8 | src[ip + 1] & 0xFF) + FAR_DISTANCE_BASE;
          ip += 2;
        }
        int len = n + 3;
        int ref = op - distance - 1;
        if (ref < at) {
          throw damaged("a match " + (distance + 1) + " bytes back reaches before the output start", ip, from, op,
              at);
        }
        if (len > limit - op) {
          throw damaged("a match of " + len + " bytes overruns the " + size + "-byte output", ip, from, op, at);
        }
        if (op - ref >= len) {
          System.arraycopy(dst, ref, dst, op, len);
        } else {
          for (int i = 0; i < len; i++) {
            dst[op + i] = dst[ref + i];
          }
        }
        op += len;
      }
      if (ip >= end) {
        break;
      }
      ctrl = src[ip++] & 0xFF;
    }
    if (op != limit) {
      throw new BloscFormatException("a BloscLZ stream of " + length + " bytes decodes to " + (op - at)
          + " bytes, expected " + size);
    }
  }

  private static BloscFormatException damaged(String what, int ip, int from, int op, int at) {
    return new BloscFormatException("BloscLZ stream: " + what + " (stream byte " + (ip - from) + ", output byte "
        + (op - at) + ")");
  }
}
