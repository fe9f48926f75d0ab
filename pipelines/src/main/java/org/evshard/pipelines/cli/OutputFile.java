package org.evshard.pipelines.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventFormats;

/**
 * The refusals every command that writes one file ({@code decode}, {@code represent}, {@code render},
 * {@code convert-file}, {@code simulate}, {@code inspect --preview}; {@code curate} and {@code select} for their
 * {@code --subset-out}) makes before it reads anything: an output whose extension contradicts what the command
 * writes, an existing output unless {@code --overwrite} is given (as {@code convert} treats its output folder), and a
 * folder (never an output file). The write itself stays atomic ({@code AtomicFiles}).
 */
final class OutputFile {

  private OutputFile() {}

  /**
   * Refuses {@code output} when it is {@code -} (standard output, which the commands do not write), a folder, or exists (a dangling link included) and {@code overwrite} is off, or
   * its folder does not exist, is a file or cannot be written.
   */
  static void check(Path output, boolean overwrite) throws java.io.IOException {
    refuseStandardOutput(output);
    if (Files.isDirectory(output)) {
      throw new IllegalArgumentException(output + " is a folder; give the name of the file to write");
    }
    if (!overwrite && Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException(output + " exists; pass --overwrite to replace it");
    }
    // the folder it goes in, named before anything is read (the write itself would fail on a hidden sibling's name)
    Path dir = output.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      if (Files.exists(dir)) {
        throw new java.nio.file.NotDirectoryException(dir + " (the folder of " + output + " is a file)");
      }
      throw new java.nio.file.NoSuchFileException(dir.toString(), null, "the folder of " + output + " does not exist");
    }
    if (dir != null && !Files.isWritable(dir)) {
      if (readOnlyStore(dir)) { // root may write anywhere but there: "permission denied" hid the cause
        throw new java.nio.file.FileSystemException(dir.toString(), null, "cannot write " + output + " there: "
            + "Read-only file system");
      }
      throw new java.nio.file.AccessDeniedException(dir.toString(), null, "cannot write " + output + " there");
    }
  }

  /** {@code -}, the Unix name of standard output, which the commands do not write: it made a file named "-". */
  private static void refuseStandardOutput(Path output) {
    if (output.toString().equals("-")) {
      throw new IllegalArgumentException("-o -: evshard does not write to standard output; give the name of the file "
          + "to write");
    }
  }

  private static boolean readOnlyStore(Path dir) {
    try {
      return Files.getFileStore(dir).isReadOnly();
    } catch (java.io.IOException | RuntimeException unknown) {
      return false;
    }
  }

  /**
   * Refuses {@code output} unless its name ends in {@code extension} (any case): {@code command} writes only
   * {@code what}, e.g. {@code cannot write a PNG picture under the name x.npy: render writes .png only; name the
   * output OUT.png}.
   */
  static void requireExtension(String command, Path output, String what, String extension) {
    refuseStandardOutput(output);
    if (!lowerName(output).endsWith(extension)) {
      throw new IllegalArgumentException("cannot write " + what + " under the name " + output + ": " + command
          + " writes " + extension + " only; name the output OUT" + extension);
    }
  }

  /**
   * For {@code --to target}: refuses {@code output} when its extension names something else, i.e. belongs to another
   * registered event format (and not to {@code target}) or is {@code .png}. A name without an extension, or with one
   * evshard does not know, is taken as given.
   */
  static void requireFits(String command, Path output, EventFormat target) {
    if (target.extensions().isEmpty()) {
      return;
    }
    String name = lowerName(output);
    for (String ext : target.extensions()) {
      if (name.endsWith(ext)) {
        return;
      }
    }
    String other = null;
    List<String> known = new ArrayList<>();
    known.add(".png");
    for (EventFormat f : EventFormats.defaults().all()) {
      known.addAll(f.extensions());
    }
    for (String ext : known) {
      if (name.endsWith(ext) && (other == null || ext.length() > other.length())) {
        other = ext;
      }
    }
    if (other == null) {
      return;
    }
    String names = other.equals(".png") ? "a PNG picture"
        : String.join(" or ", EventFormats.defaults().namesWithExtension(other)) + " files";
    throw new IllegalArgumentException("cannot write " + target.name() + " under the name " + output + " (" + other
        + " names " + names + "): " + command + " --to " + target.name() + " writes "
        + String.join(" or ", target.extensions()) + "; name the output OUT" + target.extensions().get(0)
        + ", or leave out --to to write what the name says");
  }

  private static String lowerName(Path output) {
    return output.getFileName() == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
  }
}
