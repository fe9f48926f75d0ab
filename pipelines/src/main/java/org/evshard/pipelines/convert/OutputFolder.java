package org.evshard.pipelines.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Guards the output folder: a run never mixes its shards with an earlier run's. Without {@code --overwrite} a folder
 * that is not empty is refused; with it, the earlier run's manifest goes first (so a half-replaced folder never looks
 * complete), then its errors file, temp folder and shards. Files evshard did not write are left alone.
 */
public final class OutputFolder {

  public static final String MANIFEST = "manifest.json";
  /** Further files evshard's curate and select runs write at the top of the output folder. */
  static final java.util.List<String> RUN_FILES = java.util.List.of("removed.jsonl", "curate_report.json",
      "selection.parquet");

  private OutputFolder() {}

  /**
   * The refusals of {@link #prepare} without touching anything: {@code output} is a file, or a folder that holds
   * entries while {@code overwrite} is off. Lets a run fail fast, then create the folder only once its plan stands.
   */
  public static void check(Path output, boolean overwrite) throws IOException {
    entriesToReplace(output, overwrite);
  }

  /**
   * Refuses an output folder that is the input folder or lies inside it, compared by real paths (a symbolic link to
   * the input, or a link on the way, does not hide it): discovery would see the run's own output, and
   * {@code --overwrite} deletes shard files ({@code .parquet}, {@code .arrow}) in the output's sub-folders.
   */
  public static void requireOutside(Path input, Path output) throws IOException {
    Path in = input.toAbsolutePath().normalize();
    Path out = output.toAbsolutePath().normalize();
    if (Files.exists(in)) {
      in = in.toRealPath();
      Path existing = out;
      while (existing != null && !Files.exists(existing)) {
        existing = existing.getParent();
      }
      if (existing != null) {
        out = existing.toRealPath().resolve(existing.relativize(out));
      }
    }
    if (out.startsWith(in)) {
      throw new IllegalArgumentException("output folder " + output.toAbsolutePath().normalize()
          + (out.equals(in) ? " is the input folder " : " lies inside the input folder ") + input.toAbsolutePath()
          .normalize() + (out.equals(output.toAbsolutePath().normalize()) ? "" : " (" + out + " after links)")
          + "; write the shards elsewhere");
    }
  }

  /**
   * After a run that failed: a folder the run made itself (it did not exist before) holds only the run's partial
   * files and is removed whole; an existing one keeps what is there except the run's temporary folder. Problems while
   * cleaning are added to {@code failure} as suppressed, never thrown over it.
   */
  public static void afterFailure(Path output, boolean madeByTheRun, Throwable failure) {
    try {
      deleteTree(madeByTheRun ? output : output.resolve(ConvertSamples.TEMP_DIR));
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  public static void prepare(Path output, boolean overwrite) throws IOException {
    List<Path> entries = entriesToReplace(output, overwrite);
    if (!Files.exists(output)) {
      Files.createDirectories(output);
      return;
    }
    if (entries.isEmpty()) {
      return;
    }
    Files.deleteIfExists(output.resolve(MANIFEST));
    Files.deleteIfExists(output.resolve(WriteErrors.FILE_NAME));
    for (String file : RUN_FILES) {
      Files.deleteIfExists(output.resolve(file));
    }
    deleteTree(output.resolve(ConvertSamples.TEMP_DIR));
    for (Path e : entries) {
      if (Files.isDirectory(e)) {
        try (Stream<Path> s = Files.list(e)) {
          for (Path f : s.toList()) {
            String n = f.getFileName().toString();
            if (n.endsWith(".parquet") || n.endsWith(".arrow")) {
              Files.delete(f);
            }
          }
        }
      }
    }
  }

  /** The entries of an existing output folder (none when it is missing or empty), after the refusals. */
  private static List<Path> entriesToReplace(Path output, boolean overwrite) throws IOException {
    if (Files.exists(output) && !Files.isDirectory(output)) {
      throw new IllegalArgumentException("output " + output + " is a file, expected a folder");
    }
    if (!Files.exists(output)) {
      return List.of();
    }
    List<Path> entries;
    try (Stream<Path> s = Files.list(output)) {
      entries = s.toList();
    }
    if (!entries.isEmpty() && !overwrite) {
      String what = Files.exists(output.resolve(MANIFEST)) ? "the results of an earlier run (" + MANIFEST + ")"
          : entries.size() + " entries";
      throw new IllegalArgumentException("output folder " + output + " already holds " + what
          + "; pass --overwrite to replace them, or choose another folder");
    }
    return entries;
  }

  /** Deletes {@code dir} and everything below it; nothing when it does not exist. */
  public static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
