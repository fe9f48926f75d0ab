package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code .raw} file whose header declares no encoding opens as EVT 3.0 (the registry's design: current Prophesee
 * sensors' default), and every command that reads it says so on stderr: the file, the assumption, {@code --format}.
 */
class RawEncodingWarningTest {

  @TempDir
  Path tmp;

  /** EVT 3.0 words of a few events; with {@code header} false the {@code %} lines are cut off. */
  private Path raw(String name, boolean header) throws Exception {
    return Files.write(tmp.resolve(name), CliRecordings.evt3(CliRecordings.pattern(50, 0, 5, 100, 2), header));
  }

  private static List<List<String>> commands(Path in, Path dir) {
    String f = in.toString();
    return List.of(
        List.of("decode", f, "--sensor", "34x34", "-o", dir.resolve("d.npy").toString()),
        List.of("inspect", f),
        List.of("convert-file", f, dir.resolve("c.bin").toString(), "--sensor", "34x34"),
        List.of("represent", f, "--sensor", "34x34x2", "-t", "frame(n_time_bins=2)", "-o",
            dir.resolve("r.npy").toString()),
        List.of("render", f, "--sensor", "34x34x2", "-t", "frame(n_time_bins=2)", "-o",
            dir.resolve("r.png").toString()));
  }

  @Test
  void aRawFileWithoutAnEncodingIsReadAsEvt3WithAWarningNamingItAndFormat() throws Exception {
    Path bare = raw("bare.raw", false);
    for (List<String> args : commands(bare, Files.createDirectory(tmp.resolve("out")))) {
      CliOutput r = CliOutput.run(args.toArray(String[]::new));
      assertEquals(0, r.exitCode, args + ": " + r.err);
      assertEquals("evshard " + args.get(0) + ": warning: " + bare + " does not state its encoding (evt3, evt2 and "
          + "evt21 share the extension .raw): assumed evt3; pass --format evt2 or --format evt21 to read it as "
          + "another", r.err.strip(), args.toString());
    }
    CliOutput inspected = CliOutput.run("inspect", bare.toString());
    assertTrue(inspected.out.contains("events:      50"), inspected.out);
  }

  @Test
  void noWarningWhenTheHeaderOrFormatSaysIt() throws Exception {
    Path stated = raw("stated.raw", true);
    for (List<String> args : commands(stated, Files.createDirectory(tmp.resolve("stated")))) {
      CliOutput r = CliOutput.run(args.toArray(String[]::new));
      assertEquals(0, r.exitCode, args + ": " + r.err);
      assertEquals("", r.err, args.toString());
    }
    Path bare = raw("bare.raw", false);
    for (List<String> args : commands(bare, Files.createDirectory(tmp.resolve("given")))) {
      String[] withFormat = java.util.stream.Stream.concat(args.stream(), java.util.stream.Stream.of("--format",
          "evt3")).toArray(String[]::new);
      CliOutput r = CliOutput.run(withFormat);
      assertEquals(0, r.exitCode, args + ": " + r.err);
      assertEquals("", r.err, args.toString());
    }
  }
}
