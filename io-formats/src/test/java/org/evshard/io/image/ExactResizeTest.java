package org.evshard.io.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.evshard.io.error.CorruptInputException;
import org.junit.jupiter.api.Test;

class ExactResizeTest {

  /** A 4 x 2 PNG of two 2 x 2 colour blocks whose pixels differ inside each block. */
  private static byte[] blocks() throws Exception {
    BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
    int[][] rgb = {{10, 200, 30}, {20, 100, 50}, {200, 0, 90}, {100, 40, 10}};
    for (int y = 0; y < 2; y++) {
      for (int x = 0; x < 4; x++) {
        int[] c = rgb[(x / 2) * 2 + (x + y) % 2];
        img.setRGB(x, y, c[0] << 16 | c[1] << 8 | c[2]);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  @Test
  void shrinkingAveragesEachBlockAndTheValueChannelIsTheMaximum() throws Exception {
    byte[] png = blocks();
    byte[] rgb = ExactResize.pixels(ImageDecoder.withDefaults(), png, "blocks.png", 2, 1, false);
    // block means: (15, 150, 40) and (150, 20, 50), exact in INTER_AREA
    assertArrayEquals(new byte[] {15, (byte) 150, 40, (byte) 150, 20, 50}, rgb);
    byte[] v = ExactResize.pixels(ImageDecoder.withDefaults(), png, "blocks.png", 2, 1, true);
    assertArrayEquals(new byte[] {(byte) 150, (byte) 150}, v);
  }

  @Test
  void growingKeepsTheExactSizeAndAUniformImageStaysUniform() throws Exception {
    BufferedImage img = new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 9; i++) {
      img.setRGB(i % 3, i / 3, 70 << 16 | 80 << 8 | 90);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    byte[] rgb = ExactResize.pixels(ImageDecoder.withDefaults(), out.toByteArray(), "u.png", 7, 5, false);
    assertEquals(7 * 5 * 3, rgb.length);
    for (int i = 0; i < rgb.length; i += 3) {
      assertArrayEquals(new byte[] {70, 80, 90}, new byte[] {rgb[i], rgb[i + 1], rgb[i + 2]});
    }
  }

  @Test
  void aTruncatedJpegFailsNamingTheFile() throws Exception {
    BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpg", out);
    byte[] jpg = java.util.Arrays.copyOf(out.toByteArray(), out.size() / 2);
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> ExactResize.pixels(ImageDecoder.withDefaults(), jpg, "half.jpg", 4, 4, false));
    org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("half.jpg"), e.getMessage());
  }
}
