package org.evshard.transforms.spec;

import java.util.Optional;
import org.evshard.io.events.Events;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.slice.SliceBounds;
import org.evshard.transforms.slice.SliceRanges;

/** One configured transform of a chain, by what it consumes and produces. */
public sealed interface Step permits Step.EventStep, Step.SliceStep, Step.TensorStep, Step.TensorOp, Step.ImageStep {

  /**
   * Events to events (filters and augmentations). {@code salt} varies the seed of random augmentations per sample
   * (0 keeps the spec's seed as given).
   */
  non-sealed interface EventStep extends Step {
    Events apply(Events events, SensorSize sensor, long salt);

    /** The sensor after this step (crops, downsampling and merging polarities change it). */
    default SensorSize sensorAfter(SensorSize sensor) {
      return sensor;
    }
  }

  /** Events to index ranges (slicers). */
  non-sealed interface SliceStep extends Step {
    SliceRanges apply(Events events, SensorSize sensor);

    /**
     * The same slices from the totals of a time-ordered recording of {@code count} events from {@code tFirst} to
     * {@code tLast}, for a recording streamed rather than held; empty when this slicer needs the events themselves.
     */
    default Optional<SliceBounds> boundsFromTotals(long count, long tFirst, long tLast) {
      return Optional.empty();
    }
  }

  /** Events to a dense tensor (representations). */
  non-sealed interface TensorStep extends Step {
    Tensor apply(Events events, SensorSize sensor);

    /** Seeded representations (point_cloud) override this to vary their seed per sample; 0 keeps the spec's. */
    default Tensor apply(Events events, SensorSize sensor, long salt) {
      return apply(events, sensor);
    }
  }

  /** Tensor to tensor (e.g. bina_rep on frames). */
  non-sealed interface TensorOp extends Step {
    Tensor apply(Tensor tensor);
  }

  /**
   * A still image to events (rate, latency and saccade coding): grey levels in [0, 1], row-major {@code width *
   * height}, only read. Only the first step of a chain may be one. {@code salt} varies the seed per sample.
   */
  non-sealed interface ImageStep extends Step {
    Events apply(float[] grey, int width, int height, long salt);
  }
}
