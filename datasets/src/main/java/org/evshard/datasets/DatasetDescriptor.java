package org.evshard.datasets;

import java.io.IOException;
import java.nio.file.Path;

/** One corpus: its facts, its layout on disk, and how its samples get labels and splits. */
public interface DatasetDescriptor {

  /** Registry name, lower case, e.g. {@code nmnist}; the first segment of every sample id. */
  String name();

  /** Human title, e.g. {@code N-MNIST}. */
  String title();

  DatasetFacts facts();

  /**
   * Test fraction this dataset's convention uses when the user gives none (only datasets without an official split
   * use it); {@link DiscoveryOptions#defaultsFor} builds options with it.
   */
  default double defaultTestFraction() {
    return DiscoveryOptions.DEFAULT_TEST_FRACTION;
  }

  /**
   * The folder of a background / clutter class that {@link DiscoveryOptions#includeBackground()} adds as a class
   * (N-Caltech101's {@code BACKGROUND_Google}), or null when the dataset has none and the option does nothing.
   */
  default String backgroundClass() {
    return null;
  }

  /**
   * Lists the samples under {@code root} without opening them. Deterministic: the same files give the same result
   * whatever the listing order. Anything named like a recording is returned (even a directory: reading rejects it
   * with a reason); everything else seen is reported in {@link Discovery#ignored()}.
   *
   * @throws DatasetLayoutException when {@code root} does not look like this dataset at all
   * @throws IOException when listing the root or an archive fails
   */
  Discovery discover(Path root, DiscoveryOptions options) throws IOException;
}
