package org.evshard.io.aedat;

import java.nio.charset.StandardCharsets;

/** Magic-line checks shared by the AEDAT formats' detection. */
final class AedatMagic {

  /** What every AEDAT version line starts with. */
  static final String ANY_VERSION = "#!AER-DAT";

  private AedatMagic() {}

  static boolean startsWith(byte[] head, int length, String magic) {
    byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
    if (length < m.length) {
      return false;
    }
    for (int i = 0; i < m.length; i++) {
      if (head[i] != m[i]) {
        return false;
      }
    }
    return true;
  }
}
