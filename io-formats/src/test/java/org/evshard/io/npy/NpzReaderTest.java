package org.evshard.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.evshard.io.Fixtures;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.UnsupportedFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NpzReaderTest {

  /** A zip written by the JDK's own zip writer, as np.savez (stored) or np.savez_compressed (deflated) would. */
  static byte[] npz(Map<String, byte[]> members, boolean deflate) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> m : members.entrySet()) {
        ZipEntry e = new ZipEntry(m.getKey());
        if (!deflate) {
          CRC32 crc = new CRC32();
          crc.update(m.getValue());
          e.setMethod(ZipEntry.STORED);
          e.setSize(m.getValue().length);
          e.setCrc(crc.getValue());
        }
        z.putNextEntry(e);
        z.write(m.getValue());
        z.closeEntry();
      }
    }
    return out.toByteArray();
  }

  static byte[] npy(NpyArray a) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    a.write(out);
    return out.toByteArray();
  }

  /** float16 bit patterns of a (rows, dim) embedding: row r, column c holds r + c / 4 (exact in binary16). */
  static short[] embedding(int rows, int dim) {
    short[] bits = new short[rows * dim];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < dim; c++) {
        bits[r * dim + c] = halfOf(r + c / 4.0);
      }
    }
    return bits;
  }

  /** Binary16 encoding of a small non-negative value with at most 10 significant bits (from the IEEE layout). */
  static short halfOf(double v) {
    if (v == 0) {
      return 0;
    }
    int e = Math.getExponent(v);
    int mant = (int) Math.round((v / Math.scalb(1.0, e) - 1) * 1024);
    return (short) (((e + 15) << 10) | mant);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void readsDataCompStyleEmbeddings(boolean deflate) throws IOException {
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("b32_img.npy", npy(NpyArray.ofFloat16Bits(new long[] {3, 8}, embedding(3, 8))));
    m.put("l14_img.npy", npy(NpyArray.ofFloat16Bits(new long[] {3, 12}, embedding(3, 12))));
    m.put("b32_txt.npy", npy(NpyArray.ofFloat16Bits(new long[] {3, 8}, embedding(3, 8))));
    m.put("l14_txt.npy", npy(NpyArray.ofFloat16Bits(new long[] {3, 12}, embedding(3, 12))));
    m.put("notes.txt", new byte[] {1});
    try (NpzReader r = NpzReader.of(npz(m, deflate), "emb.npz", NpzReader.DEFAULT_MAX_MEMBER_BYTES)) {
      assertEquals(List.of("b32_img", "l14_img", "b32_txt", "l14_txt"), r.names());
      NpyArray a = r.read("l14_img");
      assertArrayEquals(new long[] {3, 12}, a.shape());
      float[] f = r.readFloats("l14_img");
      for (int row = 0; row < 3; row++) {
        for (int c = 0; c < 12; c++) {
          assertEquals(row + c / 4.0f, f[row * 12 + c], 0.0f);
        }
      }
      CorruptInputException missing = assertThrows(CorruptInputException.class, () -> r.read("dedup"));
      assertTrue(missing.getMessage().contains("b32_img"), missing.getMessage());
    }
  }

  @Test
  void aMemberOverTheLimitIsRefusedFromTheDirectorySize() throws IOException {
    byte[] big = npy(NpyArray.ofFloat16Bits(new long[] {64, 64}, new short[64 * 64]));
    byte[] z = npz(Map.of("b32_img.npy", big), true);
    try (NpzReader r = NpzReader.of(z, "big.npz", 4096)) {
      LimitExceededException e = assertThrows(LimitExceededException.class, () -> r.read("b32_img"));
      assertTrue(e.getMessage().contains(Long.toString(big.length)), e.getMessage());
    }
  }

  @Test
  void aHeaderClaimingMoreThanTheMemberHoldsIsRefusedBeforeAllocating() throws IOException {
    byte[] header = NpyHeader.of(NpyDtype.scalar(NpyElementType.parse("<f2")), new long[] {1 << 28}).toBytes();
    byte[] member = java.util.Arrays.copyOf(header, header.length + 16);
    try (NpzReader r = NpzReader.of(npz(Map.of("x.npy", member), false), "lie.npz", 1L << 40)) {
      assertThrows(LimitExceededException.class, () -> r.read("x"));
    }
  }

  @Test
  void readsARealNpyFileInsideAnNpz(@TempDir Path dir) throws IOException {
    // img2dataset's blur test box: float32 (1, 4), written by numpy
    byte[] bbox = Files.readAllBytes(Fixtures.file("fixtures/images/img2dataset/blur_test_files/bbox.npy"));
    Path f = dir.resolve("boxes.npz");
    Files.write(f, npz(Map.of("bbox.npy", bbox), true));
    try (NpzReader r = NpzReader.open(f)) {
      NpyArray direct = NpyArray.read(Fixtures.file("fixtures/images/img2dataset/blur_test_files/bbox.npy"));
      assertEquals(direct, r.read("bbox"));
      assertArrayEquals(new long[] {1, 4}, direct.shape());
      float[] box = r.readFloats("bbox");
      for (float v : box) {
        assertTrue(v >= 0 && v <= 1, "normalised coordinate " + v);
      }
    }
  }

  @Test
  void nonFloatArraysAreNotEmbeddings() throws IOException {
    byte[] z = npz(Map.of("ids.npy", npy(NpyArray.ofInt64(new long[] {2}, new long[] {1, 2}))), false);
    try (NpzReader r = NpzReader.of(z, "ids.npz", 1 << 20)) {
      assertThrows(UnsupportedFormatException.class, () -> r.readFloats("ids"));
      assertArrayEquals(new long[] {1, 2}, r.read("ids").toLongArray());
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {12, 93, 95, 99})
  void aMemberCompressedOtherwiseThanStoredOrDeflatedIsUnsupported(int method) throws IOException {
    // found by fuzzing: a central directory naming method 95 (XZ) made commons-compress load its optional XZ codec,
    // which is not on the classpath (NoClassDefFoundError)
    byte[] z = npz(Map.of("ids.npy", npy(NpyArray.ofInt64(new long[] {2}, new long[] {1, 2}))), false);
    int central = indexOf(z, new byte[] {'P', 'K', 1, 2});
    z[central + 10] = (byte) method; // the central directory's compression method (u16 LE)
    z[central + 11] = 0;
    try (NpzReader r = NpzReader.of(z, "methods.npz", 1 << 20)) {
      UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> r.read("ids"));
      assertTrue(e.getMessage().contains("zip compression method " + method), e.getMessage());
      assertEquals("methods.npz!ids.npy", e.source());
    }
  }

  @Test
  void aDamagedStoredMemberFailsItsCrcInsteadOfGivingWrongNumbers() throws IOException {
    byte[] member = npy(NpyArray.ofFloat16Bits(new long[] {3, 8}, embedding(3, 8)));
    byte[] z = npz(Map.of("b32_img.npy", member), false);
    z[indexOf(z, member) + member.length - 3] ^= 0x01; // one bit of the last row's data; the npy stays well formed
    try (NpzReader r = NpzReader.of(z, "flip.npz", 1 << 20)) {
      CorruptInputException e = assertThrows(CorruptInputException.class, () -> r.read("b32_img"));
      assertEquals("flip.npz!b32_img.npy", e.source());
      assertTrue(e.getMessage().contains("CRC-32"), e.getMessage());
    }
  }

  private static int indexOf(byte[] b, byte[] what) {
    outer:
    for (int i = 0; i + what.length <= b.length; i++) {
      for (int k = 0; k < what.length; k++) {
        if (b[i + k] != what[k]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }

  @Test
  void garbageIsNotAZip() {
    assertThrows(CorruptInputException.class, () -> NpzReader.of("not a zip at all".getBytes(
        java.nio.charset.StandardCharsets.US_ASCII), "junk.npz", 1 << 20));
  }
}
