package org.evshard.io.image;

import org.evshard.io.error.CorruptInputException;

/**
 * Checks that a JPEG is complete: walks its marker segments and entropy-coded scans (skipping stuffed {@code ff 00},
 * {@code RSTn} and fill bytes) up to the EOI marker. OpenCV's libjpeg decodes a truncated JPEG with a warning and fills
 * the missing rows with grey; evshard refuses it instead, so that a cut download never becomes a training sample.
 * Bytes after EOI are allowed (many web JPEGs carry some).
 */
final class JpegStructure {

  private JpegStructure() {}

  static void checkComplete(byte[] b, String source) {
    int pos = 2;
    boolean inScan = false;
    while (pos < b.length) {
      if ((b[pos] & 0xFF) != 0xFF) {
        if (!inScan) {
          throw new CorruptInputException(source, pos, "a JPEG marker (0xFF)",
              "0x" + Integer.toHexString(b[pos] & 0xFF));
        }
        pos++;
        continue;
      }
      int at = pos;
      while (pos < b.length && (b[pos] & 0xFF) == 0xFF) {
        pos++;
      }
      if (pos >= b.length) {
        break;
      }
      int marker = b[pos++] & 0xFF;
      if (marker == 0x00 && inScan || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
        continue;
      }
      if (marker == 0xD9) {
        return;
      }
      if (marker == 0x00 || marker == 0xD8) {
        throw new CorruptInputException(source, at, "a JPEG marker", "0xFF" + String.format("%02X", marker));
      }
      if (pos + 2 > b.length) {
        break;
      }
      int length = ((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF);
      if (length < 2 || length > b.length - pos) {
        throw new CorruptInputException(source, pos, "JPEG segment length between 2 and the " + (b.length - pos)
            + " bytes left", Integer.toString(length));
      }
      pos += length;
      inScan = marker == 0xDA;
    }
    throw new CorruptInputException(source, b.length, "JPEG is truncated: no EOI marker before the end of the data");
  }
}
