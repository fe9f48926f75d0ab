package org.evshard.pipelines.convert;

import java.io.IOException;
import org.evshard.datasets.SampleInputs;
import org.evshard.datasets.SampleRef;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.events.Events;
import org.evshard.io.shard.SampleRow;
import org.evshard.io.shard.ShardLayout;
import org.evshard.io.shard.ShardWriter;
import org.evshard.io.shard.StaticImage;
import org.evshard.pipelines.output.FileErrors;
import org.evshard.transforms.slice.SliceBounds;

/**
 * Writes the rows of one sample too long to hold, once the first pass has measured it ({@link DecodedSample}): the
 * slice bounds from its totals, then the second pass ({@link StreamedSlices}), each slice through the rest of the
 * chain and into the shard as soon as it completes, in slice order. The rows are those {@link SampleTransform#apply}
 * makes from the held recording. A failure is reported with the rows already written, so that the caller can keep
 * the sample out of the shard whole: stage {@code transform} for the chain, {@code decode} for the reader and the
 * {@code --max-events} limit on a slice.
 */
final class StreamedSampleWriter {

  /** How the sample went: rows written, and the error that stopped it (null when every row was written). */
  record Outcome(int rows, SampleError error) {}

  private final SampleDecoder decoder;
  private final SampleTransform transform;
  private final ShardLayout layout;

  StreamedSampleWriter(SampleDecoder decoder, SampleTransform transform, ShardLayout layout) {
    this.decoder = decoder;
    this.transform = transform;
    this.layout = layout;
  }

  /** {@code partner}: the static image every row carries, or null. */
  Outcome write(SampleRef ref, DecodedSample sample, SampleInputs inputs, StaticImage partner, ShardWriter writer) {
    SliceBounds bounds;
    try {
      bounds = transform.sliceBounds(sample.totals());
    } catch (RuntimeException e) {
      return new Outcome(0, error(ref, WriteShardFn.TRANSFORM_STAGE, message(e), -1));
    }
    if (bounds.count() == 0) {
      return new Outcome(0, error(ref, WriteShardFn.TRANSFORM_STAGE, "the slicer gave no slices ("
          + sample.totals().count() + " events)", -1));
    }
    StreamedSlices slices;
    try {
      slices = decoder.streamSlices(ref, inputs, sample.totals(), bounds);
    } catch (IOException | RuntimeException e) {
      return new Outcome(0, readError(ref, e));
    }
    int rows = 0;
    SampleError failure = null;
    String metadata = layout.sampleMetadata() ? SampleMetadata.json(ref) : null;
    try {
      while (true) {
        Events events;
        try {
          events = slices.next();
        } catch (IOException | RuntimeException e) {
          failure = readError(ref, e);
          break;
        }
        if (events == null) {
          break;
        }
        SampleRow row;
        try {
          row = transform.sliceRow(sample.row(), rows, events, layout);
        } catch (RuntimeException e) {
          failure = error(ref, WriteShardFn.TRANSFORM_STAGE, message(e), -1);
          break;
        }
        row = partner == null ? row : row.withPartner(partner);
        writer.write(SampleMetadata.attach(row, metadata));
        rows++;
      }
    } finally {
      try {
        slices.close();
      } catch (IOException e) {
        failure = failure != null ? failure : readError(ref, e);
      }
    }
    return new Outcome(rows, failure);
  }

  private static SampleError readError(SampleRef ref, Exception e) {
    if (e instanceof EvshardIoException io) {
      return error(ref, WriteShardFn.STAGE, io.reason(), io.offset());
    }
    return error(ref, WriteShardFn.STAGE,
        e instanceof IOException ? "I/O error: " + FileErrors.describe(e) : "unexpected " + e, -1);
  }

  private static String message(RuntimeException e) {
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private static SampleError error(SampleRef ref, String stage, String reason, long offset) {
    return new SampleError(ref.sampleId(), ref.source(), stage, reason, offset);
  }
}
