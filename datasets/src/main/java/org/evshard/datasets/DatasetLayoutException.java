package org.evshard.datasets;

import java.nio.file.Path;

/** The input root does not look like the dataset at all; the message names the root and the expected layout. */
public class DatasetLayoutException extends EvshardDatasetException {

  private final String dataset;
  private final String root;
  private final String problem;

  public DatasetLayoutException(String dataset, Path root, String problem, String expectedLayout) {
    super(dataset + ": input root " + root + " " + problem + ". Expected layout: " + expectedLayout);
    this.dataset = dataset;
    this.root = String.valueOf(root);
    this.problem = problem;
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
