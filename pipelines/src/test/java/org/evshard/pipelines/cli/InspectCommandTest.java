package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.evshard.io.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

  @TempDir
  Path tmp;

  @Test
  void previewOfTheNmnistSampleIsAScaledUpColourPicture() throws Exception {
    Path bin = Fixtures.file("fixtures/events/nmnist_bin/sample_nmnist.bin");
    Path png = tmp.resolve("p.png");
    assertEquals(0, EvshardCli.execute("inspect", bin.toString(), "--sensor", "34x34", "--preview", png.toString()));
    BufferedImage img = ImageIO.read(png.toFile());
    assertEquals(34 * 8, img.getWidth());
    assertEquals(34 * 8, img.getHeight());
    boolean coloured = false;
    for (int y = 0; y < img.getHeight() && !coloured; y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          coloured = true;
          break;
        }
      }
    }
    assertNotEquals(false, coloured, "preview is blank");
  }

  @Test
  void datasetsListsBothCorpora() {
    assertEquals(0, EvshardCli.execute("datasets"));
  }
}
