package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-file command refuses an output whose extension contradicts what it writes (exit 2, the accepted extension
 * named), before it reads its input: here the inputs do not exist, so a command that read first would say so instead.
 */
class OutputExtensionTest {

  @TempDir
  Path tmp;

  private void refused(String command, String accepted, Path out, String... args) {
    CliOutput r = CliOutput.run(args);
    assertEquals(2, r.exitCode, String.join(" ", args) + ": " + r.err);
    assertTrue(r.err.startsWith("evshard " + command.split(" ")[0] + ": cannot write "), r.err);
    assertTrue(r.err.contains("under the name " + out), r.err);
    assertTrue(r.err.contains("name the output OUT" + accepted), r.err);
    assertTrue(Files.notExists(out), out + " was written");
  }

  @Test
  void anOutputNamedForSomethingElseIsRefusedBeforeTheInputIsRead() {
    String missing = tmp.resolve("missing.npy").toString();
    String image = tmp.resolve("missing.png").toString();
    Path npy = tmp.resolve("x.npy");
    Path png = tmp.resolve("x.png");
    Path raw = tmp.resolve("x.raw");
    refused("render", ".png", npy, "render", missing, "--sensor", "34x34x2", "-t", "frame(n_time_bins=2)", "-o",
        npy.toString());
    refused("decode", ".npy", png, "decode", missing, "-o", png.toString());
    refused("inspect --preview", ".png", npy, "inspect", missing, "--preview", npy.toString());
    refused("convert-file", ".bin", npy, "convert-file", missing, npy.toString(), "--to", "atis-bin");
    refused("convert-file", ".npy", png, "convert-file", missing, png.toString(), "--to", "npy");
    refused("simulate", ".npy", raw, "simulate", image, "-o", raw.toString(), "--to", "npy");
    refused("simulate", ".raw", png, "simulate", image, "-o", png.toString(), "--to", "evt3");
  }

  @Test
  void theMessageNamesWhatTheCommandWritesAndWhatTheNameMeans() {
    Path npy = tmp.resolve("x.npy");
    CliOutput render = CliOutput.run("render", "in.npy", "--sensor", "34x34x2", "-t", "frame(n_time_bins=2)", "-o",
        npy.toString());
    assertEquals("evshard render: cannot write a PNG picture under the name " + npy + ": render writes .png only; "
        + "name the output OUT.png", render.err.strip());
    Path aedat = tmp.resolve("x.AEDAT");
    CliOutput convert = CliOutput.run("convert-file", "in.npy", aedat.toString(), "--to", "aedat4");
    assertEquals("evshard convert-file: cannot write aedat4 under the name " + aedat + " (.aedat names aedat2 or "
        + "aedat31 files): convert-file --to aedat4 writes .aedat4; name the output OUT.aedat4, or leave out --to to "
        + "write what the name says", convert.err.strip());
  }

  @Test
  void anUpperCaseExtensionOrAnUnknownOneWithToIsAccepted() throws Exception {
    Path in = CliRecordings.npy(tmp.resolve("in.npy"), CliRecordings.pattern(50, 0, 3, 100, 2));
    for (List<String> args : List.of(
        List.of("decode", in.toString(), "-o", tmp.resolve("A.NPY").toString()),
        List.of("render", in.toString(), "--sensor", "34x34x2", "-t", "frame(n_time_bins=2)", "-o",
            tmp.resolve("B.Png").toString()),
        List.of("convert-file", in.toString(), tmp.resolve("c.out").toString(), "--to", "atis-bin"),
        List.of("convert-file", in.toString(), tmp.resolve("d.BIN").toString(), "--to", "atis-bin"))) {
      CliOutput r = CliOutput.run(args.toArray(String[]::new));
      assertEquals(0, r.exitCode, args + ": " + r.err);
    }
  }
}
