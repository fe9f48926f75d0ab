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

  /**
   * An EVT 3.0 header stating 32768 x 32768 (a 36 KB file from an untrusted mirror) made --preview allocate 17 GB:
   * an OutOfMemoryError. Now it is refused before the pass, naming the sensor.
   */
  @Test
  void aPreviewOfAStatedSensorTooLargeForTheHeapIsRefusedBeforeTheDecodingPass() throws Exception {
    Path raw = tmp.resolve("huge.raw");
    try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(raw);
        org.evshard.io.format.EventWriter w = org.evshard.io.format.EventFormats.defaults().byName("evt3")
            .openWriter(out, new org.evshard.io.events.SensorGeometry(32768, 32768)).orElseThrow()) {
      w.write(org.evshard.io.events.Events.wrap(new short[] {1, 2000}, new short[] {2, 2000}, new long[] {10, 20},
          new boolean[] {true, false}));
    }
    CliOutput r = CliOutput.run("inspect", raw.toString(), "--preview", tmp.resolve("p.png").toString());
    assertEquals(2, r.exitCode, r.err);
    org.junit.jupiter.api.Assertions.assertTrue(r.err.startsWith("evshard inspect: --preview of a 32768x32768 sensor "
        + "needs 17179869184 bytes (16 per pixel), more than a quarter of the heap ("), r.err);
    org.junit.jupiter.api.Assertions.assertFalse(java.nio.file.Files.exists(tmp.resolve("p.png")));
  }

  @Test
  void datasetsListsBothCorpora() {
    assertEquals(0, EvshardCli.execute("datasets"));
  }
}
