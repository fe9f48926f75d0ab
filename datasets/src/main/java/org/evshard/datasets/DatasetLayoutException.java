package org.evshard.datasets;

import java.nio.file.Path;

/** The input root does not look like the dataset at all; the message names the root and the expected layout. */
public class DatasetLayoutException extends EvshardDatasetException {

  private final String dataset;
  private final String root;
  private final String problem;

  public DatasetLayoutException(String dataset, Path root, String problem, String expectedLayout) {
    super(dataset + ": input root " + root + " " + problem + ". Expected layout: " + expectedLayout
        + archiveHint(root));
    this.dataset = dataset;
    this.root = String.valueOf(root);
    this.problem = problem;
  }

  /**
   * The archives the root holds, when it holds any: a download left packed (DvsGesture.tar.gz, CIFAR10-DVS's
   * per-class zips, an outer archive) gave a layout error that did not mention it.
   */
  static String archiveHint(Path root) {
    if (root == null || !java.nio.file.Files.isDirectory(root)) {
      return "";
    }
    java.util.List<String> archives;
    try (java.util.stream.Stream<Path> s = java.nio.file.Files.list(root)) {
      archives = s.map(p -> String.valueOf(p.getFileName())).filter(n -> n.toLowerCase(java.util.Locale.ROOT)
          .matches(".+\\.(zip|tar|tar\\.gz|tgz|tar\\.bz2|tar\\.xz|rar|7z)")).sorted().toList();
    } catch (java.io.IOException | RuntimeException e) {
      return "";
    }
    if (archives.isEmpty()) {
      return "";
    }
    return ". The root holds " + (archives.size() == 1 ? "the archive " : archives.size() + " archives: ")
        + String.join(", ", archives.subList(0, Math.min(3, archives.size())))
        + (archives.size() > 3 ? ", ..." : "") + "; only the zips the layout names are read unextracted: extract the "
        + "others into the root";
  }

  /** What is wrong, without the root and the expected layout (e.g. a labels file's bad line). */
  public String problem() {
    return problem;
  }

  /** Name of the dataset whose layout was expected. */
  public String dataset() {
    return dataset;
  }

  /** The input root as given. */
  public String root() {
    return root;
  }
}
