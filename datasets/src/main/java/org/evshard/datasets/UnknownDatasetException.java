package org.evshard.datasets;

import java.util.List;

/** No dataset descriptor has the requested name. */
public class UnknownDatasetException extends EvshardDatasetException {

  public UnknownDatasetException(String name, List<String> known) {
    super("unknown dataset '" + name + "'; known datasets: " + String.join(", ", known));
  }
}
