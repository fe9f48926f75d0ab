package org.evshard.io.datacomp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.UnsupportedFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UidSubsetTest {

  static final String A = "d142ae70686e14ccc379c01a571501b5"; // a real DataComp uid (fixture row 0)
  static final String TOP = "ffffffffffffffff0000000000000001"; // high bit set: sorts last only if unsigned
  static final String SHORT = "abc"; // resharder.py left-pads to 32 digits

  /**
   * What {@code np.save} writes for {@code np.sort(np.array([divmod(int(u, 16), 2**64) for u in uids], "u8,u8"))}
   * with uids A, TOP, SHORT, A, built from the NPY 1.0 spec: magic, version 1.0, little-endian u16 header length
   * (118), the dict literal padded with spaces to a 64-byte boundary and a newline; then per record f0 = high and
   * f1 = low 64 bits, each little-endian. (numpy 2.4 writes exactly these 192 bytes.)
   */
  static byte[] expectedFile() {
    String dict = "{'descr': [('f0', '<u8'), ('f1', '<u8')], 'fortran_order': False, 'shape': (4,), }";
    byte[] out = new byte[128 + 64];
    byte[] pre = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0};
    System.arraycopy(pre, 0, out, 0, pre.length);
    byte[] text = dict.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, out, 10, text.length);
    Arrays.fill(out, 10 + text.length, 127, (byte) ' ');
    out[127] = '\n';
    String data = "0000000000000000" + "bc0a000000000000" // SHORT: high 0, low 0xabc
        + "cc146e6870ae42d1" + "b50115571ac079c3" // A: high d142ae70686e14cc, low c379c01a571501b5, LE
        + "cc146e6870ae42d1" + "b50115571ac079c3"
        + "ffffffffffffffff" + "0100000000000000"; // TOP
    System.arraycopy(HexFormat.of().parseHex(data), 0, out, 128, 64);
    return out;
  }

  @Test
  void writesTheBytesNumpyWritesSortedAsResharderNeeds() throws IOException {
    UidSubset s = UidSubset.of(List.of(A, TOP, SHORT, A));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    s.write(out);
    assertArrayEquals(expectedFile(), out.toByteArray());
    assertEquals(List.of("00000000000000000000000000000abc", A, A, TOP),
        List.of(s.uid(0), s.uid(1), s.uid(2), s.uid(3)));
  }

  @Test
  void readsTheNumpyFileBackAndCountsRepeats() throws IOException {
    byte[] f = expectedFile();
    UidSubset s = UidSubset.read(new ByteArrayInputStream(f), "subset.npy", f.length, 100);
    assertEquals(UidSubset.of(List.of(A, TOP, SHORT, A)), s);
    assertEquals(2, s.count(A));
    assertEquals(2, s.count(A.toUpperCase(java.util.Locale.ROOT)));
    assertEquals(1, s.count("0000000000000abc"));
    assertTrue(s.contains(TOP));
    assertFalse(s.contains("ffffffffffffffff0000000000000002"));
    assertFalse(s.contains("0"));
  }

  @Test
  void readsTheRawMemmapForm(@TempDir Path dir) throws IOException {
    Path raw = dir.resolve("subset.bin");
    byte[] f = expectedFile();
    Files.write(raw, Arrays.copyOfRange(f, 128, f.length));
    assertEquals(UidSubset.of(List.of(A, TOP, SHORT, A)), UidSubset.read(raw));
    Files.write(raw, Arrays.copyOfRange(f, 128, f.length - 3));
    assertThrows(CorruptInputException.class, () -> UidSubset.read(raw));
  }

  @Test
  void anUnsortedFileIsCorruptAtTheFirstOutOfOrderRecord() throws IOException {
    byte[] f = expectedFile();
    byte[] swapped = f.clone();
    System.arraycopy(f, 128 + 48, swapped, 128, 16); // TOP first
    System.arraycopy(f, 128, swapped, 128 + 48, 16);
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> UidSubset.read(new ByteArrayInputStream(swapped), "bad.npy", swapped.length, 100));
    assertEquals(128 + 16, e.offset());
  }

  @ParameterizedTest
  @ValueSource(strings = {"[('f0', '>u8'), ('f1', '>u8')]", "[('f0', '<i8'), ('f1', '<i8')]",
      "[('hi', '<u8'), ('lo', '<u8')]", "'<u8'"})
  void otherDtypesAreRefused(String descr) throws IOException {
    String dict = "{'descr': " + descr + ", 'fortran_order': False, 'shape': (0,), }";
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) (dict.length() + 1), 0});
    out.write((dict + "\n").getBytes(StandardCharsets.US_ASCII));
    byte[] b = out.toByteArray();
    assertThrows(UnsupportedFormatException.class,
        () -> UidSubset.read(new ByteArrayInputStream(b), "x.npy", b.length, 100));
  }

  @Test
  void limitsAndTruncationAreCheckedBeforeAllocating() {
    byte[] f = expectedFile();
    assertThrows(LimitExceededException.class,
        () -> UidSubset.read(new ByteArrayInputStream(f), "s.npy", f.length, 3));
    byte[] cut = Arrays.copyOf(f, f.length - 8);
    assertThrows(CorruptInputException.class,
        () -> UidSubset.read(new ByteArrayInputStream(cut), "s.npy", cut.length, 100));
    assertThrows(CorruptInputException.class,
        () -> UidSubset.read(new ByteArrayInputStream(cut), "s.npy", -1, 100));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "xyz", "000000000000000000000000000000000"})
  void rejectsMalformedUids(String uid) {
    assertThrows(IllegalArgumentException.class, () -> UidSubset.parseUid(uid));
  }
}
