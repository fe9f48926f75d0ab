package org.evshard.transforms.slice;

import java.util.Arrays;
import org.evshard.transforms.Tensor;

/**
 * Index ranges {@code [start, stop)} into an event recording, one per slice, as Tonic's slicers return them from
 * {@code get_slice_metadata}. As in Tonic, {@code stop} (and for fixed-count slices also {@code start}) may lie past
 * the last event: Python's slicing clamps them, and {@link #clampedStart}/{@link #clampedStop} do the same.
 */
public final class SliceRanges {

  private final long[] bounds; // start0, stop0, start1, stop1, ...
  private final int eventCount;

  SliceRanges(long[] bounds, int eventCount) {
    this.bounds = bounds;
    this.eventCount = eventCount;
  }

  public int count() {
    return bounds.length / 2;
  }

  public long start(int i) {
    return bounds[2 * i];
  }

  public long stop(int i) {
    return bounds[2 * i + 1];
  }

  /** {@code start(i)} limited to the recording, as {@code events[start:stop]} takes it. */
  public int clampedStart(int i) {
    return (int) Math.min(Math.max(start(i), 0), eventCount);
  }

  /** {@code stop(i)} limited to the recording, never before {@link #clampedStart}. */
  public int clampedStop(int i) {
    return (int) Math.max(clampedStart(i), Math.min(Math.max(stop(i), 0), eventCount));
  }

  /** Number of events of the recording these ranges were computed for. */
  public int eventCount() {
    return eventCount;
  }

  /** The ranges as an int64 tensor of shape {@code (N, 2)}, exactly Tonic's metadata. */
  public Tensor toTensor() {
    return Tensor.ofInt64(new long[] {count(), 2}, bounds.clone());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SliceRanges r && eventCount == r.eventCount && Arrays.equals(bounds, r.bounds);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(bounds) + eventCount;
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("SliceRanges[");
    for (int i = 0; i < count(); i++) {
      b.append(i == 0 ? "" : ", ").append('[').append(start(i)).append(", ").append(stop(i)).append(')');
    }
    return b.append(']').toString();
  }
}
