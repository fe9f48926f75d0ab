package org.evshard.datasets.image;

import java.io.IOException;
import java.nio.file.Path;
import org.evshard.datasets.DiscoveryOptions;

/** One static-image corpus: its layout on disk, and how its samples get labels and splits. */
public interface ImageCorpus {

  /** Registry name, lower case, e.g. {@code cifake}; the first segment of every sample id. */
  String name();

  /** Human title, e.g. {@code CIFAKE}. */
  String title();

  /** One line on the layout this descriptor expects, for {@code evshard datasets} and error messages. */
  String layout();

  /**
   * Lists the units of reading work under {@code root} without opening any image. Deterministic: the same files give
   * the same result whatever the listing order.
   *
   * @throws org.evshard.datasets.DatasetLayoutException when {@code root} does not look like this corpus
   */
  ImageDiscovery discover(Path root, DiscoveryOptions options) throws IOException;
}
