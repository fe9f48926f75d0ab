package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.evshard.io.events.Events;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {

  @TempDir
  Path tmp;

  private Path square(String name, int size) throws Exception {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(size / 4, size / 4, size / 2, size / 2);
    g.dispose();
    Path file = tmp.resolve(name);
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  private static Events read(Path file) throws Exception {
    try (EventReader r = EventFormats.defaults().open(file, null, ReadOptions.defaults())) {
      return r.readAll(ReadOptions.defaults());
    }
  }

  @Test
  void aBrightSquareBecomesASortedRecordingInsideTheSensorInTheFormatOfTheName() throws Exception {
    Path png = square("square.png", 68);
    Path bin = tmp.resolve("square.bin");
    CliOutput r = CliOutput.run("simulate", png.toString(), "-o", bin.toString(), "--sensor", "34x34", "--seed", "4");
    assertEquals(0, r.exitCode, r.err);
    assertTrue(r.out.contains("34x34"), r.out);
    Events e = read(bin);
    assertTrue(e.size() > 100, "events: " + e.size());
    boolean on = false;
    boolean off = false;
    for (int i = 0; i < e.size(); i++) {
      assertTrue(e.x()[i] >= 0 && e.x()[i] < 34 && e.y()[i] >= 0 && e.y()[i] < 34, "event " + i);
      assertTrue(i == 0 || e.t()[i] >= e.t()[i - 1], "sorted at " + i);
      on |= e.p()[i];
      off |= !e.p()[i];
    }
    assertTrue(on && off, "both polarities");

    Path raw = tmp.resolve("square.raw");
    assertEquals(0, CliOutput.run("simulate", png.toString(), "-o", raw.toString(), "--sensor", "34x34", "--seed",
        "4").exitCode);
    assertEquals(e, read(raw), "the same seed gives the same events, whatever the format");
    Path other = tmp.resolve("other.bin");
    assertEquals(0, CliOutput.run("simulate", png.toString(), "-o", other.toString(), "--sensor", "34x34", "--seed",
        "5").exitCode);
    assertNotEquals(e, read(other), "another seed, another saccade path");
  }

  @Test
  void aFileThatIsNotAnImageIsAClearError() throws Exception {
    Path txt = Files.writeString(tmp.resolve("notes.png"), "not a picture");
    Path out = tmp.resolve("x.bin");
    CliOutput r = CliOutput.run("simulate", txt.toString(), "-o", out.toString());
    assertEquals(2, r.exitCode);
    assertTrue(r.err.contains("notes.png"), r.err);
    assertFalse(Files.exists(out));
  }

  /**
   * A missing file, a folder, a truncated PNG and a PNG claiming 100000 x 100000 pixels: each names the file (ImageIO
   * said only "Can't read input file!", "Error skipping PNG metadata", ...), the large one refused before decoding.
   */
  @Test
  void brokenImagesAreNamedAndAHugeOneIsRefusedBeforeDecoding() throws Exception {
    Path out = tmp.resolve("x.bin");
    CliOutput missing = CliOutput.run("simulate", tmp.resolve("gone.png").toString(), "-o", out.toString());
    assertEquals(2, missing.exitCode);
    assertTrue(missing.err.contains("no such file: " + tmp.resolve("gone.png")), missing.err);
    CliOutput folder = CliOutput.run("simulate", tmp.toString(), "-o", out.toString());
    assertEquals(2, folder.exitCode);
    assertTrue(folder.err.contains(tmp + ": is a folder, expected an image"), folder.err);
    byte[] png = Files.readAllBytes(square("whole.png", 34));
    Path cut = Files.write(tmp.resolve("cut.png"), java.util.Arrays.copyOf(png, png.length / 2));
    CliOutput truncated = CliOutput.run("simulate", cut.toString(), "-o", out.toString());
    assertEquals(2, truncated.exitCode);
    assertTrue(truncated.err.contains("cut.png: cannot decode the image"), truncated.err);
    byte[] huge = png.clone();
    java.nio.ByteBuffer.wrap(huge, 16, 8).putInt(100_000).putInt(100_000); // IHDR width and height
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(huge, 12, 17); // the chunk type and its 13 data bytes
    java.nio.ByteBuffer.wrap(huge, 29, 4).putInt((int) crc.getValue());
    Path big = Files.write(tmp.resolve("huge.png"), huge);
    CliOutput refused = CliOutput.run("simulate", big.toString(), "-o", out.toString());
    assertEquals(2, refused.exitCode);
    assertTrue(refused.err.contains("huge.png") && refused.err.contains("10000000000"), refused.err);
    CliOutput coded = CliOutput.run("represent", cut.toString(), "-t", "rate_code(T=4)", "-o",
        tmp.resolve("r.npy").toString());
    assertEquals(2, coded.exitCode);
    assertTrue(coded.err.contains("cut.png: cannot decode the image") && coded.err.contains("rate_code"), coded.err);
    assertFalse(Files.exists(out));
    CliOutput nan = CliOutput.run("simulate", square("nan.png", 34).toString(), "-o", out.toString(), "--noise-rate",
        "NaN");
    assertEquals(2, nan.exitCode);
    assertTrue(nan.err.contains("--noise-rate must be a finite number >= 0"), nan.err);
    assertFalse(Files.exists(out));
  }

  @Test
  void theOutputHasThePermissionsOfAPlainNewFileAndNoTemporaryFileIsLeft() throws Exception {
    Path png = square("square.png", 34);
    Path bin = tmp.resolve("square.bin");
    assertEquals(0, CliOutput.run("simulate", png.toString(), "-o", bin.toString()).exitCode);
    assertEquals(org.evshard.io.file.PlainPermissions.in(tmp), Files.getPosixFilePermissions(bin),
        "not createTempFile's rw-------");
    try (var files = Files.list(tmp)) {
      assertEquals(java.util.List.of("square.bin", "square.png"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
