package org.evshard.io.shard;

import java.util.Objects;
import org.evshard.io.events.Events;

/**
 * One training sample as it is stored in a shard: identity and label facts plus the event columns.
 *
 * @param sampleId stable identifier of the sample (the same input gives the same id on every run)
 * @param dataset dataset name, e.g. {@code nmnist}
 * @param split split name, e.g. {@code train}
 * @param label class index
 * @param labelName class name
 * @param source path of the recording relative to the input root, with '/' separators
 * @param sensorWidth sensor width in pixels
 * @param sensorHeight sensor height in pixels
 * @param events the events; read only
 */
public record SampleRow(String sampleId, String dataset, String split, int label, String labelName, String source,
    int sensorWidth, int sensorHeight, Events events) {

  public SampleRow {
    Objects.requireNonNull(sampleId, "sampleId");
    Objects.requireNonNull(dataset, "dataset");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(labelName, "labelName");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(events, "events");
    if (sensorWidth < 0 || sensorHeight < 0) {
      throw new IllegalArgumentException(
          "sample " + sampleId + ": sensor size must not be negative, got " + sensorWidth + "x" + sensorHeight);
    }
  }

  /** Number of events of this sample. */
  public long nEvents() {
    return events.size();
  }
}
