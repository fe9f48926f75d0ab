package org.evshard.datasets.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Result of discovering an image corpus.
 *
 * @param sources the units of reading work, sorted by id, ids unique
 * @param ignored relative paths seen that are not samples (other files, excluded classes), sorted; a directory ends
 *     with {@code /}
 * @param parameters what the discovery ran with, in a fixed order, for the run manifest
 */
public record ImageDiscovery(List<ImageSourceRef> sources, List<String> ignored, Map<String, Object> parameters) {

  public ImageDiscovery {
    sources = List.copyOf(sources);
    ignored = List.copyOf(ignored);
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    for (int i = 1; i < sources.size(); i++) {
      if (sources.get(i - 1).id().compareTo(sources.get(i).id()) >= 0) {
        throw new IllegalArgumentException("sources must be sorted by unique id, found " + sources.get(i - 1).id()
            + " before " + sources.get(i).id());
      }
    }
  }
}
