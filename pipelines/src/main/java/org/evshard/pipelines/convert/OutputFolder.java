package org.evshard.pipelines.convert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Guards the output folder: a run never mixes its shards with an earlier run's. Without {@code --overwrite} a folder
 * that is not empty is refused; with it, the earlier run's complete results (its manifest first, so that a
 * half-replaced folder never looks complete, then its errors file, run files and shards) are moved aside into
 * {@link #PREVIOUS_DIR}, deleted once the new run's manifest is written ({@link #commit}) and moved back when the new run
 * fails ({@link #afterFailure}): a rerun that fails (a full disk, an error) no longer loses the earlier results. Files
 * evshard did not write are left alone.
 */
public final class OutputFolder {

  public static final String MANIFEST = "manifest.json";
  /** Further files evshard's curate and select runs write at the top of the output folder. */
  static final java.util.List<String> RUN_FILES = java.util.List.of("removed.jsonl", "curate_report.json",
      "selection.parquet");

  /** Where {@code --overwrite} keeps the earlier run's results until the new run's manifest is written. */
  public static final String PREVIOUS_DIR = ".evshard-previous";
  /** Where a rerun that wrote no sample leaves its manifest and errors when the earlier results are put back. */
  public static final String FAILED_RUN_DIR = ".evshard-failed-run";

  private OutputFolder() {}

  /**
   * The refusals of {@link #prepare} without touching anything: {@code output} is a file, or a folder that holds
   * entries while {@code overwrite} is off. Lets a run fail fast, then create the folder only once its plan stands.
   */
  public static void check(Path output, boolean overwrite) throws IOException {
    entriesToReplace(output, overwrite);
    requireWritable(output);
  }

  /**
   * An existing output folder that cannot be written (a read-only file system, no permission) is refused now, naming
   * the reason: the run walked and planned its whole input first, then failed on an internal temp file's name.
   */
  static void requireWritable(Path output) throws IOException {
    if (!Files.isDirectory(output)) {
      return; // made later; a parent that cannot be written is refused then, by name
    }
    Path probe;
    try {
      probe = Files.createTempFile(output, ".evshard-probe-", "");
    } catch (java.nio.file.FileSystemException e) {
      throw new java.nio.file.FileSystemException(output.toString(), null, "the output folder cannot be written ("
          + (e.getReason() != null ? e.getReason() : e.getClass().getSimpleName()) + ")");
    }
    Files.delete(probe);
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
      if (madeByTheRun) {
        deleteTree(output);
        return;
      }
      deleteTree(output.resolve(ConvertSamples.TEMP_DIR));
      restorePrevious(output);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** The earlier results kept aside come back in place of this run's files; nothing when none were kept. */
  private static void restorePrevious(Path output) throws IOException {
    Path previous = output.resolve(PREVIOUS_DIR);
    if (!Files.isDirectory(previous)) {
      return;
    }
    removeRunFiles(output);
    for (Path f : runFiles(previous)) {
      Path back = output.resolve(previous.relativize(f).toString());
      Files.createDirectories(back.getParent());
      Files.move(f, back);
    }
    deleteTree(previous);
  }

  /**
   * After a run that completed but wrote no sample (every input rejected): when it was an {@code --overwrite} rerun,
   * its manifest, errors, run files (a selection, a curate report) and empty shards move to {@link #FAILED_RUN_DIR}
   * (where its manifest verifies) and the earlier results come back (such a rerun replaced
   * good results with an empty output, where a rerun that threw put them back). Returns the folder now holding this
   * run's manifest: {@code output} itself when there were no earlier results to keep.
   */
  public static Path afterEmptyRun(Path output) throws IOException {
    if (!Files.isDirectory(output.resolve(PREVIOUS_DIR))) {
      commit(output);
      return output;
    }
    Path failed = output.resolve(FAILED_RUN_DIR);
    deleteTree(failed);
    Files.createDirectories(failed);
    for (Path f : runFiles(output)) { // its (empty) shards too, so that its manifest verifies there
      Path to = failed.resolve(output.relativize(f).toString());
      Files.createDirectories(to.getParent());
      Files.move(f, to);
    }
    restorePrevious(output);
    return failed;
  }

  /**
   * The folder holding the manifest of the run that just ended in {@code output}: {@link #FAILED_RUN_DIR} when it
   * wrote nothing and the earlier results were put back ({@link #afterEmptyRun}; every run clears that folder first),
   * else {@code output}.
   */
  public static Path resultsOf(Path output) {
    Path failed = output.resolve(FAILED_RUN_DIR);
    return Files.isDirectory(failed) ? failed : output;
  }

  /** After the new run's manifest is written: the earlier results kept aside are deleted. */
  public static void commit(Path output) throws IOException {
    deleteTree(output.resolve(PREVIOUS_DIR));
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
    deleteTree(output.resolve(ConvertSamples.TEMP_DIR));
    deleteTree(output.resolve(FAILED_RUN_DIR)); // an earlier empty rerun's report: this run replaces it
    Path previous = output.resolve(PREVIOUS_DIR);
    if (!Files.exists(output.resolve(MANIFEST))) {
      // no complete results here (a run that was stopped): its partial files go; results an interrupted rerun kept
      // aside stay aside, as the last complete ones
      removeRunFiles(output);
      return;
    }
    deleteTree(previous); // left by a run stopped after its manifest: stale
    List<Path> files = runFiles(output);
    files.remove(output.resolve(MANIFEST));
    files.add(0, output.resolve(MANIFEST)); // first: a half-moved folder never looks complete
    for (Path f : files) {
      Path aside = previous.resolve(output.relativize(f).toString());
      Files.createDirectories(aside.getParent());
      Files.move(f, aside);
    }
  }

  /**
   * The files of an evshard run in {@code dir}: the manifest, errors file and run files at the top, and the shards
   * ({@code .parquet}, {@code .arrow}) one folder down (not in {@link #PREVIOUS_DIR} or the temp folder).
   */
  private static List<Path> runFiles(Path dir) throws IOException {
    List<Path> files = new java.util.ArrayList<>();
    for (String name : java.util.stream.Stream.concat(java.util.stream.Stream.of(MANIFEST, WriteErrors.FILE_NAME),
        RUN_FILES.stream()).toList()) {
      if (Files.isRegularFile(dir.resolve(name))) {
        files.add(dir.resolve(name));
      }
    }
    try (Stream<Path> top = Files.list(dir)) {
      for (Path e : top.sorted().toList()) {
        String folder = e.getFileName().toString();
        if (!Files.isDirectory(e) || folder.equals(PREVIOUS_DIR) || folder.equals(ConvertSamples.TEMP_DIR)
            || folder.equals(FAILED_RUN_DIR)) {
          continue;
        }
        try (Stream<Path> s = Files.list(e)) {
          for (Path f : s.sorted().toList()) {
            String n = f.getFileName().toString();
            if (n.endsWith(".parquet") || n.endsWith(".arrow")) {
              files.add(f);
            }
          }
        }
      }
    }
    return files;
  }

  private static void removeRunFiles(Path output) throws IOException {
    Files.deleteIfExists(output.resolve(MANIFEST)); // first, as above
    for (Path f : runFiles(output)) {
      Files.delete(f);
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
          : describe(entries);
      throw new IllegalArgumentException("output folder " + output + " already holds " + what
          + "; pass --overwrite to replace them, or choose another folder");
    }
    return entries;
  }

  /**
   * The entries of a folder without a manifest, by name (hidden ones too: "already holds 1 entries" for a folder that
   * {@code ls} showed empty), saying what evshard's own work folders are.
   */
  static String describe(List<Path> entries) {
    List<String> names = entries.stream().map(e -> e.getFileName() + (Files.isDirectory(e) ? "/" : "")).sorted()
        .toList();
    String listed = String.join(", ", names.subList(0, Math.min(5, names.size())))
        + (names.size() > 5 ? ", ... " + (names.size() - 5) + " more" : "");
    String why = "";
    if (names.contains(PREVIOUS_DIR + "/")) {
      why = "; " + PREVIOUS_DIR + "/ holds the results of the run before an --overwrite rerun that did not finish: "
          + "move its content back to keep them";
    } else if (names.contains(ConvertSamples.TEMP_DIR + "/")) {
      why = "; " + ConvertSamples.TEMP_DIR + "/ holds the partial files of a run that did not finish";
    }
    return (names.size() == 1 ? "1 entry" : names.size() + " entries") + " (" + listed + ")" + why;
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
