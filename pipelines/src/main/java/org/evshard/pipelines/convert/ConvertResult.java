package org.evshard.pipelines.convert;

import java.nio.file.Path;
import java.util.Map;

/**
 * What a conversion run produced, for the command line to report.
 *
 * @param written samples with rows in the shards
 * @param rows rows written (more than {@code written} when a slicer split recordings)
 * @param phaseSeconds wall time of each phase in run order ({@code discover}, {@code plan}, {@code pipeline},
 *     {@code manifest})
 */
public record ConvertResult(Path output, Path manifest, long discovered, long written, long rejected, long rows,
    int shards, double seconds, Map<String, Double> phaseSeconds) {

  public ConvertResult {
    phaseSeconds = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phaseSeconds));
  }
}
