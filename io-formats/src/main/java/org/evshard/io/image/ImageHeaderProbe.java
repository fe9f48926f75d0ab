package org.evshard.io.image;

import java.util.zip.CRC32;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.UnsupportedFormatException;

/**
 * Reads an encoded image's format and size from its header without decoding any pixel, so that limits can be checked
 * before a decoder allocates anything (decompression bombs) and corrupt or unknown inputs are named with an offset.
 *
 * <ul>
 *   <li>JPEG: SOI, then marker segments walked up to the first SOFn frame header (fill bytes {@code 0xFF} skipped,
 *       every segment length checked against the bytes left); height 0 (size deferred to a DNL marker) is refused.
 *   <li>PNG: the 8-byte signature and the IHDR chunk, which must come first, be 13 bytes long and carry a valid CRC.
 *   <li>WebP: {@code RIFF}, {@code WEBP}, then the first chunk: {@code VP8 } (key frame start code and 14-bit
 *       sizes), {@code VP8L} (signature 0x2F and 14-bit sizes minus one) or {@code VP8X} (24-bit canvas sizes minus
 *       one). The RIFF size and the chunk size are checked against the bytes present.
 * </ul>
 * Any other start raises {@link UnsupportedFormatException}; broken headers raise {@link CorruptInputException}.
 */
public final class ImageHeaderProbe {

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  /** PNG sizes are 31-bit (the spec's limit). */
  private static final long PNG_MAX_DIMENSION = Integer.MAX_VALUE;

  private ImageHeaderProbe() {}

  /** The header of {@code bytes}, after checking the encoded size and the claimed pixel count against limits. */
  public static ImageHeader probe(byte[] bytes, String source, ImageLimits limits) {
    limits.checkEncodedBytes(source, bytes.length);
    ImageHeader h = probe(bytes, source);
    limits.checkPixels(source, h);
    return h;
  }

  /** The header of {@code bytes}, without any limit check. */
  public static ImageHeader probe(byte[] bytes, String source) {
    if (bytes.length == 0) {
      throw new CorruptInputException(source, 0, "empty file: 0 bytes, expected an image");
    }
    if (bytes.length >= 3 && u8(bytes, 0) == 0xFF && u8(bytes, 1) == 0xD8 && u8(bytes, 2) == 0xFF) {
      return jpeg(bytes, source);
    }
    if (startsWith(bytes, 0, PNG_SIGNATURE)) {
      return png(bytes, source);
    }
    if (bytes.length >= 12 && fourCc(bytes, 0, "RIFF") && fourCc(bytes, 8, "WEBP")) {
      return webp(bytes, source);
    }
    throw new UnsupportedFormatException(source, 0, "not a JPEG, PNG or WebP image (first bytes "
        + hex(bytes, 0, Math.min(bytes.length, 12)) + ")");
  }

  private static ImageHeader jpeg(byte[] b, String source) {
    int pos = 2;
    while (true) {
      if (pos >= b.length) {
        throw new CorruptInputException(source, pos, "JPEG ends before its frame header (SOFn)");
      }
      if (u8(b, pos) != 0xFF) {
        throw new CorruptInputException(source, pos, "a JPEG marker (0xFF)", "0x" + Integer.toHexString(u8(b, pos)));
      }
      while (pos < b.length && u8(b, pos) == 0xFF) {
        pos++; // the marker's 0xFF and any fill bytes before the marker code
      }
      if (pos >= b.length) {
        throw new CorruptInputException(source, pos, "JPEG ends inside a marker");
      }
      int markerAt = pos - 1;
      int marker = u8(b, pos++);
      if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
        continue; // TEM and RSTn stand alone
      }
      if (marker == 0x00 || marker == 0xD8 || marker == 0xD9 || marker == 0xDA) {
        throw new CorruptInputException(source, markerAt, "a JPEG marker segment before the frame header",
            "marker 0xFF" + String.format("%02X", marker));
      }
      if (pos + 2 > b.length) {
        throw new CorruptInputException(source, pos, "JPEG ends inside the length of marker 0xFF"
            + String.format("%02X", marker));
      }
      int length = u16be(b, pos);
      if (length < 2 || length > b.length - pos) {
        throw new CorruptInputException(source, pos, "JPEG segment length between 2 and the " + (b.length - pos)
            + " bytes left", Integer.toString(length));
      }
      if (isStartOfFrame(marker)) {
        if (length < 8) {
          throw new CorruptInputException(source, pos, "a JPEG frame header of at least 8 bytes",
              length + " bytes");
        }
        int height = u16be(b, pos + 3);
        int width = u16be(b, pos + 5);
        if (width == 0 || height == 0) {
          throw new CorruptInputException(source, pos + 3, "a non-zero JPEG frame size (DNL is not supported)",
              width + "x" + height);
        }
        return new ImageHeader(ImageFormat.JPEG, width, height);
      }
      pos += length;
    }
  }

  /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
  }

  private static ImageHeader png(byte[] b, String source) {
    int chunk = PNG_SIGNATURE.length;
    if (b.length < chunk + 8 + 13 + 4) {
      throw new CorruptInputException(source, chunk, "a complete IHDR chunk (" + (8 + 13 + 4) + " bytes)",
          (b.length - chunk) + " bytes left");
    }
    long length = u32be(b, chunk);
    if (!fourCc(b, chunk + 4, "IHDR")) {
      throw new CorruptInputException(source, chunk + 4, "IHDR", "'" + ascii(b, chunk + 4) + "'");
    }
    if (length != 13) {
      throw new CorruptInputException(source, chunk, "IHDR length 13", Long.toString(length));
    }
    CRC32 crc = new CRC32();
    crc.update(b, chunk + 4, 4 + 13);
    long stored = u32be(b, chunk + 8 + 13);
    if (crc.getValue() != stored) {
      throw new CorruptInputException(source, chunk + 8 + 13, "IHDR CRC 0x" + Long.toHexString(crc.getValue()),
          "0x" + Long.toHexString(stored));
    }
    long width = u32be(b, chunk + 8);
    long height = u32be(b, chunk + 12);
    if (width == 0 || height == 0 || width > PNG_MAX_DIMENSION || height > PNG_MAX_DIMENSION) {
      throw new CorruptInputException(source, chunk + 8, "PNG width and height in 1.." + PNG_MAX_DIMENSION,
          width + "x" + height);
    }
    return new ImageHeader(ImageFormat.PNG, (int) width, (int) height);
  }

  private static ImageHeader webp(byte[] b, String source) {
    long riffSize = u32le(b, 4);
    if (riffSize + 8 > b.length) {
      throw new CorruptInputException(source, 4, "a RIFF size within the " + (b.length - 8) + " bytes present",
          Long.toString(riffSize));
    }
    if (b.length < 20) {
      throw new CorruptInputException(source, 12, "a WebP chunk header", (b.length - 12) + " bytes left");
    }
    long chunkSize = u32le(b, 16);
    if (chunkSize > b.length - 20) {
      throw new CorruptInputException(source, 16, "a chunk size within the " + (b.length - 20) + " bytes left",
          Long.toString(chunkSize));
    }
    int d = 20;
    if (fourCc(b, 12, "VP8 ")) {
      if (chunkSize < 10) {
        throw new CorruptInputException(source, 16, "a VP8 chunk of at least 10 bytes", chunkSize + " bytes");
      }
      if ((u8(b, d) & 1) != 0) {
        throw new CorruptInputException(source, d, "a VP8 key frame", "an inter frame");
      }
      if (u8(b, d + 3) != 0x9D || u8(b, d + 4) != 0x01 || u8(b, d + 5) != 0x2A) {
        throw new CorruptInputException(source, d + 3, "VP8 start code 9d 01 2a", hex(b, d + 3, 3));
      }
      return sized(source, d + 6, u16le(b, d + 6) & 0x3FFF, u16le(b, d + 8) & 0x3FFF);
    }
    if (fourCc(b, 12, "VP8L")) {
      if (chunkSize < 5) {
        throw new CorruptInputException(source, 16, "a VP8L chunk of at least 5 bytes", chunkSize + " bytes");
      }
      if (u8(b, d) != 0x2F) {
        throw new CorruptInputException(source, d, "VP8L signature 0x2f", hex(b, d, 1));
      }
      long bits = u32le(b, d + 1);
      if ((bits >>> 29) != 0) {
        throw new CorruptInputException(source, d + 1, "VP8L version 0", Long.toString(bits >>> 29));
      }
      return sized(source, d + 1, (int) (bits & 0x3FFF) + 1, (int) ((bits >>> 14) & 0x3FFF) + 1);
    }
    if (fourCc(b, 12, "VP8X")) {
      if (chunkSize < 10) {
        throw new CorruptInputException(source, 16, "a VP8X chunk of at least 10 bytes", chunkSize + " bytes");
      }
      return sized(source, d + 4, u24le(b, d + 4) + 1, u24le(b, d + 7) + 1);
    }
    throw new CorruptInputException(source, 12, "a VP8, VP8L or VP8X chunk", "'" + ascii(b, 12) + "'");
  }

  private static ImageHeader sized(String source, int offset, int width, int height) {
    if (width == 0 || height == 0) {
      throw new CorruptInputException(source, offset, "a non-zero WebP size", width + "x" + height);
    }
    return new ImageHeader(ImageFormat.WEBP, width, height);
  }

  private static int u8(byte[] b, int i) {
    return b[i] & 0xFF;
  }

  private static int u16be(byte[] b, int i) {
    return (u8(b, i) << 8) | u8(b, i + 1);
  }

  private static int u16le(byte[] b, int i) {
    return u8(b, i) | (u8(b, i + 1) << 8);
  }

  private static int u24le(byte[] b, int i) {
    return u8(b, i) | (u8(b, i + 1) << 8) | (u8(b, i + 2) << 16);
  }

  private static long u32be(byte[] b, int i) {
    return ((long) u16be(b, i) << 16) | u16be(b, i + 2);
  }

  private static long u32le(byte[] b, int i) {
    return u16le(b, i) | ((long) u16le(b, i + 2) << 16);
  }

  private static boolean fourCc(byte[] b, int i, String code) {
    for (int k = 0; k < 4; k++) {
      if (b[i + k] != code.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean startsWith(byte[] b, int i, byte[] prefix) {
    if (b.length - i < prefix.length) {
      return false;
    }
    for (int k = 0; k < prefix.length; k++) {
      if (b[i + k] != prefix[k]) {
        return false;
      }
    }
    return true;
  }

  private static String ascii(byte[] b, int i) {
    StringBuilder s = new StringBuilder();
    for (int k = i; k < i + 4; k++) {
      int c = u8(b, k);
      s.append(c >= 0x20 && c < 0x7F ? (char) c : '?');
    }
    return s.toString();
  }

  private static String hex(byte[] b, int from, int n) {
    StringBuilder s = new StringBuilder();
    for (int k = from; k < from + n && k < b.length; k++) {
      s.append(k > from ? " " : "").append(String.format("%02x", b[k] & 0xFF));
    }
    return s.toString();
  }
}
