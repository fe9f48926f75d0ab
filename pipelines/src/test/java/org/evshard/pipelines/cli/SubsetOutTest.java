package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code curate --subset-out} and {@code select --subset-out} follow the one-file commands' rule: an existing file is
 * replaced only with {@code --overwrite}, a folder or a name other than {@code .npy} is refused, all before the input
 * is read (the inputs here do not exist) and before the output folder is made.
 */
class SubsetOutTest {

  private static final byte[] KEEP = "keep me".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path tmp;

  private List<String> command(String name, Path subset) {
    String in = tmp.resolve("missing-input").toString();
    String out = tmp.resolve(name + "-out").toString();
    return name.equals("curate")
        ? List.of("curate", "--dataset", "datacomp", "--input", in, "--output", out, "--filter", "basic",
            "--subset-out", subset.toString(), "--no-progress")
        : List.of("select", "--input", in, "--output", out, "--method", "random", "--fraction", "0.5",
            "--subset-out", subset.toString(), "--no-progress");
  }

  @Test
  void anExistingSubsetFileIsRefusedWithoutOverwrite() throws Exception {
    for (String name : List.of("curate", "select")) {
      Path subset = tmp.resolve(name + "-subset.npy");
      Files.write(subset, KEEP);
      CliOutput r = CliOutput.run(command(name, subset).toArray(String[]::new));
      assertEquals(2, r.exitCode, r.err);
      assertEquals("evshard " + name + ": " + subset + " exists; pass --overwrite to replace it", r.err.strip());
      assertArrayEquals(KEEP, Files.readAllBytes(subset));
      assertTrue(Files.notExists(tmp.resolve(name + "-out")), "the output folder was made");
    }
  }

  @Test
  void aFolderOrAnotherExtensionIsRefused() throws Exception {
    for (String name : List.of("curate", "select")) {
      Path dir = Files.createDirectory(tmp.resolve(name + "-dir.npy"));
      CliOutput folder = CliOutput.run(command(name, dir).toArray(String[]::new));
      assertEquals(2, folder.exitCode, folder.err);
      assertEquals("evshard " + name + ": " + dir + " is a folder; give the name of the file to write",
          folder.err.strip());
      Path csv = tmp.resolve(name + "-subset.csv");
      CliOutput other = CliOutput.run(command(name, csv).toArray(String[]::new));
      assertEquals(2, other.exitCode, other.err);
      assertTrue(other.err.startsWith("evshard " + name + ": cannot write DataComp's uid subset (NPY) under the name "
          + csv + ": " + name + " --subset-out writes .npy only"), other.err);
      assertTrue(Files.notExists(csv));
    }
  }
}
