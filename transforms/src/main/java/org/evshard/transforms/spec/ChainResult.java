package org.evshard.transforms.spec;

import org.evshard.io.events.Events;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.slice.SliceRanges;

/**
 * What a {@link TransformChain} produced: filtered events (with the sensor after the chain), slice index ranges
 * (int64 N x 2), or a tensor. Exactly one of {@link #events}, {@link #slices}, {@link #tensor} is set, as
 * {@link #kind} says. {@link #inputEvents} counts the events the last step received: for a tensor, the events the
 * representation was computed from (after the chain's filters); for slices, the events that were sliced; for
 * events, their count.
 */
public record ChainResult(TransformDef.Output kind, Events events, SensorSize sensor, SliceRanges slices,
    Tensor tensor, long inputEvents) {

  /** Events as the result of a chain without steps (or of its filters). */
  public static ChainResult ofEvents(Events e, SensorSize s) {
    return new ChainResult(TransformDef.Output.EVENTS, e, s, null, null, e.size());
  }

  static ChainResult ofSlices(SliceRanges r, SensorSize s, long sliced) {
    return new ChainResult(TransformDef.Output.SLICES, null, s, r, null, sliced);
  }

  static ChainResult ofTensor(Tensor t, SensorSize s, long represented) {
    return new ChainResult(TransformDef.Output.TENSOR, null, s, null, t, represented);
  }

  /** The result as a tensor: the tensor itself, or the slices as int64 {@code (N, 2)}; events have none. */
  public Tensor asTensor() {
    return switch (kind) {
      case TENSOR -> tensor;
      case SLICES -> slices.toTensor();
      case EVENTS -> throw new IllegalStateException("the chain produced events, not a tensor");
    };
  }
}
