package org.evshard.pipelines.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.evshard.io.error.Wording;
import org.evshard.io.shard.Manifest;
import org.evshard.io.shard.ManifestVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code evshard verify OUTDIR}: recomputes sha256, sizes and row counts against the manifest. A check that fails
 * (a mismatch, a stray shard, no manifest in the folder: the run did not finish; a manifest that cannot be read)
 * exits 1; an OUTDIR that does not
 * exist or is not a folder is an input error, exit 2, like a missing input of any other command.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check every shard against manifest.json (sha256, bytes, rows) and that the counts reconcile; "
        + "exit 1 on any mismatch or a folder without a readable manifest.json, 2 when OUTDIR does not exist.")
public final class VerifyCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "OUTDIR", description = "output folder of a conversion")
  Path output;

  @Override
  public Integer call() throws IOException {
    return verify(output, System.out);
  }

  /**
   * Prints what was checked and every mismatch; returns 0 when all holds, 1 otherwise.
   *
   * @throws NoSuchFileException when {@code output} does not exist
   * @throws NotDirectoryException when it is not a folder
   */
  static int verify(Path output, PrintStream out) throws IOException {
    if (!Files.exists(output)) {
      throw new NoSuchFileException(output.toString(), null, "the output folder to verify does not exist");
    }
    if (!Files.isDirectory(output)) {
      throw new NotDirectoryException(output.toString());
    }
    Path file = output.resolve(Manifest.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      out.println("FAIL " + file + ": missing (the run did not finish, or this is not an evshard output folder)");
      return 1;
    }
    Manifest manifest;
    try {
      manifest = Manifest.read(file);
    } catch (org.evshard.io.error.ShardException e) { // a damaged manifest is a failed check of the folder
      out.println("FAIL " + CliErrors.describe(e));
      return 1;
    }
    List<String> problems = ManifestVerifier.verify(manifest, output);
    for (String p : problems) {
      out.println("FAIL " + p);
    }
    if (!problems.isEmpty()) {
      out.println(problems.size() + " problem(s) in " + output);
      return 1;
    }
    // samples, as the manifest counts them; a slicer makes several rows of one sample
    long written = manifest.counts().written();
    long rows = manifest.counts().rowCount();
    out.println("OK " + Wording.count(manifest.shards().size(), "shard") + ", "
        + Wording.count(written, "sample") + " written" + (rows == written ? "" : " in " + Wording.count(rows, "row"))
        + ", " + manifest.counts().rejected() + " rejected, " + manifest.counts().discovered() + " discovered: "
        + output);
    return 0;
  }
}
