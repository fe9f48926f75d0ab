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

  /** Stored grey levels 0, 17, ..., 255 in 8 and 16 bits, as grey, grey + alpha and RGB images, at 16 x 2 px. */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(ints = {BufferedImage.TYPE_BYTE_GRAY, BufferedImage.TYPE_USHORT_GRAY,
      BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR})
  void aGreyLevelReadsAsItsStoredValueInEveryImageTypeAndAtEverySize(int type) throws Exception {
    BufferedImage img = new BufferedImage(16, 2, type);
    for (int x = 0; x < 16; x++) {
      int v = x * 17;
      for (int y = 0; y < 2; y++) {
        if (type == BufferedImage.TYPE_USHORT_GRAY) {
          img.getRaster().setSample(x, y, 0, v * 257);
        } else if (type == BufferedImage.TYPE_BYTE_GRAY) {
          img.getRaster().setSample(x, y, 0, v);
        } else {
          img.setRGB(x, y, 0xFF000000 | v << 16 | v << 8 | v);
        }
      }
    }
    Path file = tmp.resolve("levels.png"); // through the PNG codec, as a user's file
    ImageIO.write(img, "png", file.toFile());
    float[] native_ = SimulateCommand.grey(StillImage.read(file), 16, 2);
    for (int x = 0; x < 16; x++) {
      assertEquals(x * 17 / 255.0, native_[x], 1e-6, "level " + x * 17 + " of type " + type);
    }
    float[] doubled = SimulateCommand.grey(StillImage.read(file), 32, 4); // the same levels after scaling
    for (int x = 1; x < 31; x += 2) {
      assertEquals(x / 2 * 17 / 255.0, doubled[x * 1 + 32], 0.04, "scaled, column " + x + " of type " + type);
    }
  }

  /** A white ring on transparent white: the native size ignored alpha, the scaled size drew it over black. */
  @Test
  void transparencyIsLaidOverWhiteAtTheNativeAndAtAScaledSize() throws Exception {
    BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 8; x++) {
        img.setRGB(x, y, x == 3 ? 0xFF000000 : 0x00FFFFFF); // an opaque black column on transparent white
      }
    }
    Path file = tmp.resolve("alpha.png");
    ImageIO.write(img, "png", file.toFile());
    float[] native_ = SimulateCommand.grey(StillImage.read(file), 8, 8);
    float[] scaled = SimulateCommand.grey(StillImage.read(file), 16, 16);
    assertEquals(1.0, native_[0], 1e-6);
    assertEquals(0.0, native_[3], 1e-6);
    assertEquals(1.0, scaled[0], 1e-6);
    assertEquals(1.0, scaled[15 * 16 + 15], 1e-6);
  }

  /** A JPEG cut before its end was filled with grey (exit 0); a 35-byte GIF stating 30000 x 30000 px used 6 GB. */
  @Test
  void aCutJpegAndAGifStatingTooManyPixelsAreRefused() throws Exception {
    BufferedImage img = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
    for (int i = 0; i < 64 * 64; i++) {
      img.setRGB(i % 64, i / 64, i * 2654435 & 0xFFFFFF);
    }
    Path jpeg = tmp.resolve("whole.jpg");
    ImageIO.write(img, "jpg", jpeg.toFile());
    byte[] bytes = Files.readAllBytes(jpeg);
    Path cut = Files.write(tmp.resolve("cut.jpg"), java.util.Arrays.copyOf(bytes, bytes.length - 200));
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> StillImage.read(cut));
    assertTrue(e.getMessage().startsWith(cut + ": cannot decode the image (corrupt or truncated?): "), e.getMessage());
    assertEquals(64, StillImage.read(jpeg).getWidth());
    java.io.ByteArrayOutputStream gif = new java.io.ByteArrayOutputStream();
    gif.write("GIF89a".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    gif.write(new byte[] {0x30, 0x75, 0x30, 0x75, 0, 0, 0}); // logical screen 30000 x 30000, no colour table
    gif.write(new byte[] {0x2C, 0, 0, 0, 0, 0x30, 0x75, 0x30, 0x75, 0}); // image 30000 x 30000 at (0, 0)
    gif.write(new byte[] {2, 2, 0x4C, 0x01, 0, 0x3B}); // LZW data, trailer
    Path bomb = Files.write(tmp.resolve("bomb.gif"), gif.toByteArray());
    org.evshard.io.image.ImageTooLargeException big = org.junit.jupiter.api.Assertions.assertThrows(
        org.evshard.io.image.ImageTooLargeException.class, () -> StillImage.read(bomb));
    assertTrue(big.getMessage().contains("bomb.gif") && big.getMessage().contains("(30000 x 30000) of 900000000"),
        big.getMessage());
  }

  /** --sensor 10000x10000 simulated for more than 15 minutes without output; 20000x20000 ran out of memory. */
  @Test
  void aSensorTooLargeToSimulateIsRefusedBeforeAnythingIsDone() throws Exception {
    Path out = tmp.resolve("big.npy");
    CliOutput r = CliOutput.run("simulate", square("b.png", 34).toString(), "-o", out.toString(), "--sensor",
        "10000x10000");
    assertEquals(2, r.exitCode);
    assertTrue(r.err.contains("a 10000x10000 sensor has 100000000 pixels, more than the 4194304 (2048 x 2048)"),
        r.err);
    assertFalse(Files.exists(out));
  }

  /** "cannot write X" came after seconds of simulating, and did not say what simulate writes. */
  @Test
  void aFormatWithoutAWriterIsRefusedBeforeSimulatingNamingTheWritableOnes() throws Exception {
    Path out = tmp.resolve("x.h5");
    CliOutput r = CliOutput.run("simulate", square("w.png", 34).toString(), "-o", out.toString(), "--to", "hdf5");
    assertEquals(2, r.exitCode);
    assertTrue(r.err.contains("evshard cannot write hdf5 files; simulate writes ") && r.err.contains("npy")
        && r.err.contains("aedat4"), r.err);
    assertFalse(Files.exists(out));
  }

  /**
   * A 389x535 image to .bin failed after simulating with "event 0: x=11 y=375 outside the format's 0..255" (no file,
   * no hint); --to with an unknown name listed every reader; a 40000x1 image was "sensor geometry ... got 40000x1".
   */
  @Test
  void whatAFormatOrASensorCannotHoldIsSaidBeforeSimulating() throws Exception {
    Path out = tmp.resolve("big.bin");
    CliOutput r = CliOutput.run("simulate", square("b.png", 300).toString(), "-o", out.toString());
    assertEquals(2, r.exitCode);
    assertTrue(r.err.startsWith("evshard simulate: cannot write " + out + ": atis-bin cannot hold a 300x300 sensor ("
        + "event 0: x=299 y=299 outside the format's 0..255); pass --sensor WxH to scale the image down, or write one "
        + "of npy, aedat4"), r.err);
    assertFalse(r.err.contains("atis-bin, "), "atis-bin is not offered for 300x300: " + r.err);
    assertFalse(Files.exists(out));
    assertEquals(0, CliOutput.run("simulate", square("s.png", 300).toString(), "-o", out.toString(), "--sensor",
        "34x34").exitCode, "scaled to a sensor the format holds");
    CliOutput unknown = CliOutput.run("simulate", square("u.png", 34).toString(), "-o", tmp.resolve("u.x").toString(),
        "--to", "foo");
    assertEquals(2, unknown.exitCode);
    assertTrue(unknown.err.startsWith("evshard simulate: unknown format 'foo'; simulate writes npy, atis-bin, aedat4"),
        unknown.err);
    assertFalse(unknown.err.contains("hdf5"), unknown.err);
    CliOutput evt2 = CliOutput.run("simulate", square("e.png", 34).toString(), "-o", tmp.resolve("e.npy").toString(),
        "--to", "evt2"); // advised to name it .raw, then refused: simulate cannot write evt2 at all
    assertTrue(evt2.err.startsWith("evshard simulate: evshard cannot write evt2 files; simulate writes "), evt2.err);
    BufferedImage line = new BufferedImage(40000, 1, BufferedImage.TYPE_BYTE_GRAY);
    Path wide = tmp.resolve("line.png");
    ImageIO.write(line, "png", wide.toFile());
    CliOutput tooWide = CliOutput.run("simulate", wide.toString(), "-o", tmp.resolve("line.npy").toString());
    assertEquals(2, tooWide.exitCode);
    assertEquals("evshard simulate: " + wide + " is 40000x1 pixels, more than a sensor's 32768 per side; pass "
        + "--sensor WxH to scale it", tooWide.err.strip());
  }

  /** {@code -o -} wrote a file named "-" in the working folder. */
  @Test
  void standardOutputIsRefusedByName() throws Exception {
    CliOutput r = CliOutput.run("simulate", square("d.png", 34).toString(), "-o", "-", "--to", "npy");
    assertEquals(2, r.exitCode);
    assertEquals("evshard simulate: -o -: evshard does not write to standard output; give the name of the file to "
        + "write", r.err.strip());
    assertFalse(Files.exists(Path.of("-")));
    CliOutput decode = CliOutput.run("decode", tmp.resolve("any.bin").toString(), "-o", "-");
    assertEquals("evshard decode: -o -: evshard does not write to standard output; give the name of the file to "
        + "write", decode.err.strip());
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
