package org.evshard.datasets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Result of discovering a dataset under an input root.
 *
 * @param samples the samples, sorted by sample id, ids unique
 * @param ignored relative paths of what was seen and is not a sample (junk files, annotation folders, excluded
 *     classes), sorted; a directory ends with {@code /}
 * @param parameters what the discovery was run with, in a fixed order, for the run manifest
 * @param rejected inputs seen that cannot become samples, with their reasons, sorted by source (a run reports them
 *     as rejected and goes on)
 */
public record Discovery(List<SampleRef> samples, List<String> ignored, Map<String, Object> parameters,
    List<RejectedInput> rejected) {

  /** A discovery that rejected nothing. */
  public Discovery(List<SampleRef> samples, List<String> ignored, Map<String, Object> parameters) {
    this(samples, ignored, parameters, List.of());
  }

  public Discovery {
    samples = List.copyOf(samples);
    ignored = List.copyOf(ignored);
    List<RejectedInput> bySource = new java.util.ArrayList<>(rejected);
    bySource.sort(java.util.Comparator.comparing(RejectedInput::source));
    rejected = List.copyOf(bySource);
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    for (int i = 1; i < samples.size(); i++) {
      if (samples.get(i - 1).sampleId().compareTo(samples.get(i).sampleId()) >= 0) {
        throw new IllegalArgumentException("samples must be sorted by unique sample id, found "
            + samples.get(i - 1).sampleId() + " before " + samples.get(i).sampleId());
      }
    }
  }
}
