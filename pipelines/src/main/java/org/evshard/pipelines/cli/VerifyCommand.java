package org.evshard.pipelines.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.evshard.io.error.Wording;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code evshard verify OUTDIR}: recomputes sha256, sizes and row counts against the manifest. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check every shard against manifest.json (sha256, bytes, rows) and that the counts reconcile; "
        + "exit 1 on any mismatch.")
public final class VerifyCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "OUTDIR", description = "output folder of a conversion")
  Path output;

  @Override
  public Integer call() {
    return verify(output, System.out);
  }

  /** Prints what was checked and every mismatch; returns 0 when all holds, 1 otherwise. */
  static int verify(Path output, PrintStream out) {
    Path file = output.resolve(Manifest.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      out.println("FAIL " + file + ": missing (the run did not finish, or this is not an evshard output folder)");
      return 1;
    }
    Manifest manifest = Manifest.read(file);
    List<String> problems = ManifestVerifier.verify(manifest, output);
    for (String p : problems) {
      out.println("FAIL " + p);
    }
    if (!problems.isEmpty()) {
      out.println(problems.size() + " problem(s) in " + output);
      return 1;
    }
    out.println("OK " + Wording.count(manifest.shards().size(), "shard") + ", "
        + Wording.count(manifest.counts().written(), "row") + " written, " + manifest.counts().rejected()
        + " rejected, " + manifest.counts().discovered() + " discovered: " + output);
    return 0;
  }
}
