package org.evshard.io.image;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.evshard.io.error.CorruptInputException;
import org.junit.jupiter.api.Test;

/** The PNG chunk walk on PNGs written by the JDK (an encoder other than OpenCV) and on the fixtures. */
class PngStructureTest {

  /** Offset of the first chunk after IHDR: signature 8 + IHDR (4 length + 4 type + 13 data + 4 CRC). */
  private static final int AFTER_IHDR = 33;

  @Test
  void acceptsWholePngsAndBytesAfterIend() {
    for (String name : new String[] {"original.png", "blurred.png"}) {
      byte[] png = ImageFixtureFiles.read(ImageFixtureFiles.blurFile(name));
      assertDoesNotThrow(() -> PngStructure.checkComplete(png, name));
    }
    byte[] small = imageIoPng(7, 5);
    assertDoesNotThrow(() -> PngStructure.checkComplete(small, "small.png"));
    byte[] trailing = Arrays.copyOf(small, small.length + 9);
    assertDoesNotThrow(() -> PngStructure.checkComplete(trailing, "trailing.png"));
  }

  @Test
  void everyCutBeforeTheEndOfIendIsRefusedAtAnOffsetInsideTheCut() {
    byte[] png = imageIoPng(7, 5);
    for (int n = 8; n < png.length; n++) {
      byte[] cut = Arrays.copyOf(png, n);
      CorruptInputException e = assertThrows(CorruptInputException.class,
          () -> PngStructure.checkComplete(cut, "cut.png"), "cut at " + n);
      assertEquals("cut.png", e.source());
      assertTrue(e.offset() >= 8 && e.offset() <= n, "cut at " + n + ": offset " + e.offset());
    }
  }

  /**
   * The fuzz finding: IHDR of a 6x5 RGBA image, then an IDAT whose length field says 4,244,570,159 bytes in a file of
   * 106. Refused at the chunk's offset, naming the length and the bytes left, before OpenCV sees it.
   */
  @Test
  void aChunkLongerThanTheBytesLeftIsRefusedAtItsOffset() {
    byte[] png = imageIoPng(6, 5);
    byte[] bomb = Arrays.copyOf(png, 106);
    bomb[AFTER_IHDR] = (byte) 0xFC;
    bomb[AFTER_IHDR + 1] = (byte) 0xFF;
    bomb[AFTER_IHDR + 2] = 0x00;
    bomb[AFTER_IHDR + 3] = 0x2F;
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> PngStructure.checkComplete(bomb, "bomb.png"));
    assertEquals(AFTER_IHDR, e.offset());
    assertTrue(e.getMessage().contains("4244570159") && e.getMessage().contains("61 bytes left"), e.getMessage());
    CorruptInputException viaDecoder = assertThrows(CorruptInputException.class,
        () -> ImageDecoder.withDefaults().decode(bomb, "bomb.png"));
    assertEquals(AFTER_IHDR, viaDecoder.offset());
  }

  @Test
  void anIendThatDeclaresDataItDoesNotHaveIsRefused() {
    byte[] png = imageIoPng(6, 5);
    int iend = png.length - 12;
    png[iend] = (byte) 0x9E; // IEND's length: 2,656,632,832
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> PngStructure.checkComplete(png, "iend.png"));
    assertEquals(iend, e.offset());
  }

  /** A 8-bit RGB PNG of w x h written by the JDK's ImageIO. */
  static byte[] imageIoPng(int w, int h) {
    BufferedImage im = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        im.setRGB(x, y, (x * 40) << 16 | (y * 50) << 8 | (x + y) * 20);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      if (!ImageIO.write(im, "png", out)) {
        throw new IllegalStateException("no PNG writer");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
