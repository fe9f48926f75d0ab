package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that writes one file refuses to replace an existing one unless {@code --overwrite} is given (exit 2,
 * the file named and left as it was), and never takes a folder for its output.
 */
class OutputOverwriteTest {

  private static final byte[] KEEP = "keep me".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path tmp;

  /** A small recording in Tonic's NPY (34x34), readable by every command that takes a recording. */
  private Path recording() throws Exception {
    return CliRecordings.npy(tmp.resolve("in.npy"), CliRecordings.pattern(200, 0, 7, 1000, 3));
  }

  private Path image() throws Exception {
    BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
    img.setRGB(4, 4, 0xFFFFFF);
    img.setRGB(9, 11, 0xFFFFFF);
    Path file = tmp.resolve("in.png");
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  /** The command line of each one-file command with {@code out} as its output. */
  private List<List<String>> commands(Path out) throws Exception {
    String in = recording().toString();
    String o = out.toString();
    return List.of(
        List.of("decode", in, "-o", o),
        List.of("represent", in, "--sensor", "34x34x2", "-t", "frame(n_time_bins=2)", "-o", o),
        List.of("render", in, "--sensor", "34x34x2", "-t", "frame(n_time_bins=2)", "-o", o),
        List.of("convert-file", in, o, "--to", "atis-bin"),
        List.of("simulate", image().toString(), "-o", o, "--to", "npy"),
        List.of("inspect", in, "--sensor", "34x34", "--preview", o));
  }

  private static String extension(String command) {
    return switch (command) {
      case "render", "inspect" -> ".png";
      case "convert-file" -> ".bin";
      default -> ".npy";
    };
  }

  @Test
  void anExistingOutputIsReplacedOnlyWithOverwrite() throws Exception {
    for (String command : List.of("decode", "represent", "render", "convert-file", "simulate", "inspect")) {
      Path out = tmp.resolve(command + "-out" + extension(command));
      Files.write(out, KEEP);
      List<String> args = commands(out).stream().filter(c -> c.get(0).equals(command)).findFirst().orElseThrow();

      CliOutput refused = CliOutput.run(args.toArray(String[]::new));
      assertEquals(2, refused.exitCode, command + ": " + refused.err);
      assertEquals("evshard " + command + ": " + out + " exists; pass --overwrite to replace it",
          refused.err.strip());
      assertArrayEquals(KEEP, Files.readAllBytes(out), command + " left the file as it was");

      List<String> again = new ArrayList<>(args);
      again.add("--overwrite");
      CliOutput replaced = CliOutput.run(again.toArray(String[]::new));
      assertEquals(0, replaced.exitCode, command + ": " + replaced.err);
      assertFalse(Arrays.equals(KEEP, Files.readAllBytes(out)), command + " replaced the file");
    }
  }

  @Test
  void aFolderIsNeverAnOutputFile() throws Exception {
    for (String command : List.of("decode", "represent", "render", "convert-file", "simulate", "inspect")) {
      Path dir = Files.createDirectory(tmp.resolve(command + "-dir" + extension(command)));
      List<String> args = commands(dir).stream().filter(c -> c.get(0).equals(command)).findFirst().orElseThrow();
      List<String> withOverwrite = new ArrayList<>(args);
      withOverwrite.add("--overwrite");
      CliOutput r = CliOutput.run(withOverwrite.toArray(String[]::new));
      assertEquals(2, r.exitCode, args + ": " + r.err);
      assertTrue(r.err.contains(dir + " is a folder"), args + ": " + r.err);
      assertTrue(Files.isDirectory(dir), "the folder is still there");
    }
  }

  /**
   * An output whose folder is missing or is a file is refused before the input is read, naming the folder (the error
   * named a hidden temporary file, called a file "a folder that does not exist", and inspect read the whole recording
   * first).
   */
  @Test
  void anOutputWhoseFolderIsMissingOrAFileIsRefusedFirst() throws Exception {
    Path file = Files.write(tmp.resolve("afile"), KEEP);
    for (String command : List.of("decode", "represent", "render", "convert-file", "simulate", "inspect")) {
      String name = "x" + extension(command);
      Path missing = tmp.resolve("nodir").resolve(name);
      List<String> args = commands(missing).stream().filter(c -> c.get(0).equals(command)).findFirst().orElseThrow();
      CliOutput r = CliOutput.run(args.toArray(String[]::new));
      assertEquals(2, r.exitCode, args + ": " + r.err);
      assertEquals("evshard " + command + ": no such file: " + tmp.resolve("nodir") + " (the folder of " + missing
          + " does not exist)\n", r.err, args.toString());
      assertEquals("", r.out, "nothing read or written: " + args);
      Path underFile = file.resolve(name);
      args = commands(underFile).stream().filter(c -> c.get(0).equals(command)).findFirst().orElseThrow();
      CliOutput f = CliOutput.run(args.toArray(String[]::new));
      assertEquals(2, f.exitCode, args + ": " + f.err);
      assertTrue(f.err.contains("not a directory: " + file + " (the folder of " + underFile + " is a file)"),
          args + ": " + f.err);
    }
    assertArrayEquals(KEEP, Files.readAllBytes(file));
  }
}
