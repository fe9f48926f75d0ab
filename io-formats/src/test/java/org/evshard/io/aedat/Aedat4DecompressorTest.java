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
}
