package org.evshard.pipelines.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The refusals every command that writes one file ({@code decode}, {@code represent}, {@code render},
 * {@code convert-file}, {@code simulate}, {@code inspect --preview}) makes before it reads anything: an existing
 * output is replaced only with {@code --overwrite} (as {@code convert} treats its output folder), and a folder is never
 * an output file. The write itself stays atomic ({@code AtomicFiles}).
 */
final class OutputFile {

  private OutputFile() {}

  /** Refuses {@code output} when it is a folder, or exists (a dangling link included) and {@code overwrite} is off. */
  static void check(Path output, boolean overwrite) {
    if (Files.isDirectory(output)) {
      throw new IllegalArgumentException(output + " is a folder; give the name of the file to write");
    }
    if (!overwrite && Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(output + " exists; pass --overwrite to replace it");
    }
  }
}
