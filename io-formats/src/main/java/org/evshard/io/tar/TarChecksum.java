package org.evshard.io.tar;

import java.nio.charset.StandardCharsets;

/**
 * The ustar header checksum (POSIX.1 {@code chksum}: the sum of the 512 header bytes with the 8-byte checksum field
 * counted as spaces). Like Python's {@code tarfile} (which webdataset reads with), both the unsigned and the historic
 * signed-byte sum are accepted. commons-compress does not check it, so the reader does.
 */
final class TarChecksum {

  private static final int OFFSET = 148;
  private static final int LENGTH = 8;

  private TarChecksum() {}

  static boolean matches(byte[] header) {
    long stored = stored(header);
    return stored >= 0 && (stored == unsignedSum(header) || stored == signedSum(header));
  }

  /** The stored value (octal digits up to the first NUL, blanks around them ignored), or -1 when unreadable. */
  static long stored(byte[] header) {
    String s = new String(header, OFFSET, LENGTH, StandardCharsets.ISO_8859_1);
    int nul = s.indexOf('\0');
    s = (nul < 0 ? s : s.substring(0, nul)).strip();
    if (s.isEmpty()) {
      return 0;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '7') {
        return -1;
      }
    }
    return Long.parseLong(s, 8);
  }

  static long unsignedSum(byte[] header) {
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += i >= OFFSET && i < OFFSET + LENGTH ? ' ' : header[i] & 0xFF;
    }
    return sum;
  }

  private static long signedSum(byte[] header) {
    long sum = 0;
    for (int i = 0; i < 512; i++) {
      sum += i >= OFFSET && i < OFFSET + LENGTH ? ' ' : header[i];
    }
    return sum;
  }
}
