package org.evshard.pipelines.convert;

import org.evshard.io.shard.SampleRow;

/**
 * A decoded sample whose chain starts with its slicer: the recording held whole ({@code totals} null, {@code row}
 * with its events), or, when it was too long to hold, measured by the first streaming pass ({@code row} without events,
 * naming the sample and its sensor; {@code totals} for the slicer).
 */
record DecodedSample(SampleRow row, RecordingTotals totals) {

  boolean streamed() {
    return totals != null;
  }
}
