package org.evshard.datasets;

import java.util.Objects;

/**
 * An input that discovery saw but cannot turn into samples (a DVS Gesture recording without a usable labels file,
 * two recordings that would share one sample id): the run goes on without it and reports it with its reason.
 *
 * @param sampleId the id its sample would have had (or the recording's id stem)
 * @param source its path relative to the input root, '/'
 * @param reason what is wrong, naming the file
 */
public record RejectedInput(String sampleId, String source, String reason) {

  public RejectedInput {
    Objects.requireNonNull(sampleId, "sampleId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(reason, "reason");
  }
}
