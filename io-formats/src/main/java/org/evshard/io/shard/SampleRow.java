package org.evshard.io.shard;

import java.util.Objects;
import org.evshard.io.events.Events;

/**
 * One training sample (or one slice of a recording) as it is stored in a shard: identity and label facts plus either
 * the event columns or a representation tensor.
 *
 * @param sampleId stable identifier of the row (the same input gives the same id on every run); a slice of a
 *     recording carries the recording's id with a {@code #sNNNN} suffix
 * @param dataset dataset name, e.g. {@code nmnist}
 * @param split split name, e.g. {@code train}
 * @param label class index
 * @param labelName class name
 * @param source path of the recording relative to the input root, with '/' separators
 * @param sensorWidth sensor width in pixels
 * @param sensorHeight sensor height in pixels
 * @param events the events; read only. Empty in rows of the tensor layout
 * @param nEvents events of the sample (or slice) the row was made from; equals {@code events.size()} whenever
 *     events are present
 * @param sliceIndex index of the slice within its recording, -1 when the recording was not sliced
 * @param tensor the representation (tensor layout), null for the events layout
 * @param partner the paired static image ({@link ShardLayout#staticPartner()}), null when the shard has none
 * @param metadata the sample's metadata as a JSON object of strings ({@link ShardLayout#sampleMetadata()}: the
 *     {@code metadata} column, e.g. DailyDVS-200's attributes), null when the shard has none
 */
public record SampleRow(String sampleId, String dataset, String split, int label, String labelName, String source,
    int sensorWidth, int sensorHeight, Events events, long nEvents, int sliceIndex, ShardTensor tensor,
    StaticImage partner, String metadata) {

  /** A row without metadata. */
  public SampleRow(String sampleId, String dataset, String split, int label, String labelName, String source,
      int sensorWidth, int sensorHeight, Events events, long nEvents, int sliceIndex, ShardTensor tensor,
      StaticImage partner) {
    this(sampleId, dataset, split, label, labelName, source, sensorWidth, sensorHeight, events, nEvents, sliceIndex,
        tensor, partner, null);
  }

  /** A row without a static partner. */
  public SampleRow(String sampleId, String dataset, String split, int label, String labelName, String source,
      int sensorWidth, int sensorHeight, Events events, long nEvents, int sliceIndex, ShardTensor tensor) {
    this(sampleId, dataset, split, label, labelName, source, sensorWidth, sensorHeight, events, nEvents, sliceIndex,
        tensor, null);
  }

  /** A whole, untransformed recording (no slice, no tensor). */
  public SampleRow(String sampleId, String dataset, String split, int label, String labelName, String source,
      int sensorWidth, int sensorHeight, Events events) {
    this(sampleId, dataset, split, label, labelName, source, sensorWidth, sensorHeight, events, events.size(), -1,
        null);
  }

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
    if (!events.isEmpty() && nEvents != events.size()) {
      throw new IllegalArgumentException("sample " + sampleId + ": n_events " + nEvents + " but " + events.size()
          + " events");
    }
    if (nEvents < 0 || sliceIndex < -1) {
      throw new IllegalArgumentException("sample " + sampleId + ": n_events " + nEvents + ", slice index "
          + sliceIndex);
    }
  }

  /** This row with other events, event count, slice index and tensor (identity, label, partner, metadata kept). */
  public SampleRow with(String id, Events e, long n, int slice, ShardTensor t) {
    return new SampleRow(id, dataset, split, label, labelName, source, sensorWidth, sensorHeight, e, n, slice, t,
        partner, metadata);
  }

  /** This row with {@code image} as its static partner. */
  public SampleRow withPartner(StaticImage image) {
    return new SampleRow(sampleId, dataset, split, label, labelName, source, sensorWidth, sensorHeight, events,
        nEvents, sliceIndex, tensor, image, metadata);
  }

  /** This row with {@code json} (a JSON object of strings) as its metadata. */
  public SampleRow withMetadata(String json) {
    return new SampleRow(sampleId, dataset, split, label, labelName, source, sensorWidth, sensorHeight, events,
        nEvents, sliceIndex, tensor, partner, json);
  }
}
