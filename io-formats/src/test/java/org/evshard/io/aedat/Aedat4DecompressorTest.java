package org.evshard.io.aedat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import java.util.Arrays;
import org.evshard.io.error.CorruptInputException;
import org.junit.jupiter.api.Test;

class Aedat4DecompressorTest {

  /** A packet body of two Zstd frames (1 event, then 50) gave 1 event, exit 0: the second frame was dropped. */
  @Test
  void aZstdBodyIsOneFrameAndNothingAfterIt() {
    byte[] first = new byte[16];
    byte[] second = new byte[800];
    Arrays.fill(second, (byte) 3);
    byte[] a = Zstd.compress(first);
    byte[] b = Zstd.compress(second);
    byte[] both = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    Aedat4Decompressor d = new Aedat4Decompressor("rec.aedat4");
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> d.decompress(Aedat4Compression.ZSTD, both, both.length, 100));
    assertEquals(100, e.offset());
    assertTrue(e.reason().equals("Zstd frame of " + a.length + " bytes followed by " + b.length + " other bytes in "
        + "the packet"), e.reason());
    int n = d.decompress(Aedat4Compression.ZSTD, a, a.length, 100);
    assertArrayEquals(first, Arrays.copyOf(d.buffer(), n));
  }

  /**
   * zstd-jni's stream errors were quoted with their class ({@code ... does not decode:
   * com.github.luben.zstd.ZstdIOException: Unknown frame descriptor}); the reason keeps the library's words only.
   */
  @Test
  void aLibraryErrorIsQuotedWithoutJavaClassNames() {
    assertEquals("Unknown frame descriptor", Aedat4Decompressor.reason(
        new java.io.IOException("com.github.luben.zstd.ZstdIOException: Unknown frame descriptor")));
    assertEquals("Data corruption detected", Aedat4Decompressor.reason(
        new java.io.UncheckedIOException(new java.io.IOException("Data corruption detected"))));
    assertEquals("IOException", Aedat4Decompressor.reason(new java.io.IOException((String) null)));
  }

  /**
   * A 21.6 KB file of ten packets of 4 M identical events decoded to 545 MB: a file's packets that decompress past
   * 64 MiB in all at more than 1,000 times their size are refused (dv's event packets compress 3-10 times), with
   * stated and unstated Zstd sizes; a stuck pixel that compresses 3,000 times is read up to 64 MiB (evshard's writer
   * refuses to go further); event-like data decodes whatever its amount.
   */
  @Test
  void aDecompressionBombIsRefused() {
    byte[] plain = new byte[48 << 20]; // zeros: thousands of times their compressed size
    byte[] zstd = Zstd.compress(plain);
    byte[] unstated = zstdWithoutContentSize(plain);
    for (Object[] c : new Object[][] {{Aedat4Compression.ZSTD, zstd}, {Aedat4Compression.ZSTD_HIGH, unstated}}) {
      Aedat4Decompressor d = new Aedat4Decompressor("rec.aedat4");
      byte[] body = (byte[]) c[1];
      assertEquals(plain.length, d.decompress((Aedat4Compression) c[0], body, body.length, 100), "48 MiB in all");
      CorruptInputException e = assertThrows(CorruptInputException.class,
          () -> d.decompress((Aedat4Compression) c[0], body, body.length, 4242), c[0].toString());
      assertEquals(4242, e.offset());
      assertTrue(e.reason().startsWith("the packets up to this " + c[0] + " packet body of " + body.length
          + " bytes decompress to " + 2L * plain.length + " bytes from " + 2L * body.length + ", "), e.reason());
      assertTrue(e.reason().contains("a decompression bomb"), e.reason());
    }
    Aedat4Decompressor lz4Reader = new Aedat4Decompressor("rec.aedat4");
    Lz4FrameEncoder encoder = new Lz4FrameEncoder();
    int lz4Length = encoder.encode(plain, plain.length);
    for (int k = 0; k < 3; k++) { // LZ4 cannot compress past about 255 times: any amount reads
      assertEquals(plain.length, lz4Reader.decompress(Aedat4Compression.LZ4, encoder.buffer(), lz4Length, 0));
    }
    byte[] mixed = events(1 << 20); // 16 MiB of event-like structs: compresses a few times
    byte[] ok = Zstd.compress(mixed);
    Aedat4Decompressor d = new Aedat4Decompressor("rec.aedat4");
    for (int k = 0; k < 6; k++) {
      assertEquals(mixed.length, d.decompress(Aedat4Compression.ZSTD, ok, ok.length, 0));
    }
  }

  /** {@code n} 16-byte structs as dv's Event (int64 t rising, int16 x, y random below 128, bool p, padding). */
  private static byte[] events(int n) {
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    java.util.Random r = new java.util.Random(7);
    long t = 1_000_000;
    for (int i = 0; i < n; i++) {
      t += r.nextInt(20);
      b.putLong(t).putShort((short) r.nextInt(128)).putShort((short) r.nextInt(128)).put((byte) r.nextInt(2))
          .put(new byte[3]);
    }
    return b.array();
  }

  /** A Zstd frame whose header leaves out the content size (streamed), so the size is known only after decoding. */
  private static byte[] zstdWithoutContentSize(byte[] plain) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (com.github.luben.zstd.ZstdOutputStream z = new com.github.luben.zstd.ZstdOutputStream(bytes)) {
      z.write(plain);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    byte[] frame = bytes.toByteArray();
    assertEquals(-1, Zstd.getFrameContentSize(frame, 0, frame.length), "a frame without its size");
    return frame;
  }
}
