package org.evshard.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.evshard.io.events.Events;
import org.evshard.transforms.slice.SliceBounds;
import org.evshard.transforms.slice.SliceRanges;
import org.evshard.transforms.spec.TransformChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timestamps near the int64 limits, as a corrupt file can hold them: every kernel that divides the span
 * {@code t_last - t_first} refuses a span past int64 by name (a wrapped difference sliced silently: one frame for
 * {@code [-2^63, 0, 2^63 - 1]}; {@code time_align} threw an {@code ArithmeticException}), and windows that end past
 * 2^63 reach the last event (a wrapped stop gave an empty slice).
 */
class TimestampExtremesTest {

  private static final SensorSize SENSOR = new SensorSize(34, 34, 2);

  private static Events at(long... t) {
    int n = t.length;
    short[] xy = new short[n];
    for (int i = 0; i < n; i++) {
      xy[i] = (short) (i + 1);
    }
    return Events.wrap(xy, xy.clone(), t, new boolean[n]);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"time_align", "time_reversal(p=1)", "drop_hot_pixels(hot_pixel_frequency=1)",
      "event_downsampling(target_size=(2, 2), dt=1, noise_threshold=1)", "slice_by_time(time_window=1000)",
      "slice_by_time_bins(bin_count=3)", "frame(n_time_bins=3)", "frame(n_time_bins=3, split=spikingjelly)",
      "frame(time_window=1000)", "voxel_grid(n_time_bins=3)", "timesurface(dt=1000, tau=10)",
      "point_cloud(min_events=1)", "bina_rep(n_frames=1, n_bits=2)"})
  void aSpanPastInt64IsRefusedByName(String spec) {
    TransformChain chain = TransformChain.parse(List.of(spec));
    for (long[] t : new long[][] {{Long.MIN_VALUE, 0, Long.MAX_VALUE}, {-(1L << 62) - 1, 0, 1L << 62}}) {
      TransformException e = assertThrows(TransformException.class, () -> chain.apply(at(t), SENSOR, 0), spec);
      assertTrue(e.getMessage().contains(": the span from t=" + t[0] + " to t=" + t[2] + " exceeds the int64 range"),
          e.getMessage());
    }
    try { // a span of 2^63 - 1 fits: no error from the span (others may follow, e.g. too many slices)
      chain.apply(at(-(1L << 62), 0, (1L << 62) - 1), SENSOR, 0);
    } catch (TransformException e) {
      assertTrue(!e.getMessage().contains("exceeds the int64 range"), e.getMessage());
    }
  }

  /** A step back whose difference wraps past int64 (an OR of differences saw a positive one and let it through). */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"slice_by_time(time_window=1000)", "slice_by_time_bins(bin_count=3)", "frame(n_time_bins=3)",
      "voxel_grid(n_time_bins=3)", "timesurface(dt=1000, tau=10)", "point_cloud(min_events=1)",
      "bina_rep(n_frames=1, n_bits=2)", "averaged_timesurface(cell_size=2, surface_size=1, time_window=50, tau=10)"})
  void aStepBackPastInt64IsRefused(String spec) {
    TransformChain chain = TransformChain.parse(List.of(spec));
    long[] t = {0, (1L << 62) + 1, -(1L << 62), 10};
    TransformException e = assertThrows(TransformException.class, () -> chain.apply(at(t), SENSOR, 0), spec);
    assertTrue(e.getMessage().contains(": needs time-ordered events, as Tonic assumes: event 2 at t = " + t[2]
        + " comes after t = " + t[1]), e.getMessage());
  }

  @Test
  void theStreamedBoundsRefuseTheSameSpans() {
    assertThrows(TransformException.class, () -> SliceBounds.byTime(3, Long.MIN_VALUE, Long.MAX_VALUE, 1000, 0,
        false));
    assertThrows(TransformException.class, () -> SliceBounds.byTimeBins(3, Long.MIN_VALUE, Long.MAX_VALUE, 3, 0));
    assertThrows(TransformException.class, () -> SliceBounds.byTimeBinsSpikingJelly("frame", 3, Long.MIN_VALUE,
        Long.MAX_VALUE, 3));
  }

  /** A window that starts within its length of 2^63 holds every later event, held and streamed alike. */
  @Test
  void aWindowEndingPastInt64ReachesTheLastEvent() {
    long max = Long.MAX_VALUE;
    long[] t = {max - 5, max - 3, max};
    SliceRanges held = TransformChain.parse(List.of("slice_by_time(time_window=10)")).apply(at(t), SENSOR)
        .slices();
    assertEquals(1, held.count());
    assertEquals(0, held.clampedStart(0));
    assertEquals(3, held.clampedStop(0));
    SliceBounds streamed = SliceBounds.byTime(3, t[0], t[2], 10, 0, false);
    assertEquals(1, streamed.count());
    assertEquals(0, streamed.startIn(0, 0, t, 0, 3));
    assertEquals(3, streamed.stopIn(0, 0, t, 0, 3));
    // SpikingJelly's bins of (t_last - t_first) // 2 = 2 us: [max - 5, max - 3) and the rest
    SliceRanges bins = org.evshard.transforms.slice.Slicer.byTimeBinsSpikingJelly("frame", t, 2);
    assertArrayEquals(new long[] {0, 1, 1, 3}, new long[] {bins.clampedStart(0), bins.clampedStop(0),
        bins.clampedStart(1), bins.clampedStop(1)});
  }

  /** Noise over a range whose ends round to one double stays inside it (nextDouble refused the empty range). */
  @Test
  void uniformNoiseOverANarrowRangeFarFromZeroStaysInside() {
    long min = Long.MIN_VALUE;
    Events out = org.evshard.transforms.filter.UniformNoise.apply(at(min, min + 1, min + 2), SENSOR, 5, 1);
    assertEquals(8, out.size());
    for (long v : out.t()) {
      assertTrue(v >= min && v <= min + 2, Long.toString(v));
    }
    long big = (1L << 62) + 1; // not a double: (double) big rounds below it
    Events near = org.evshard.transforms.filter.UniformNoise.apply(at(big, big + 1000), SENSOR, 50, 1);
    for (long v : near.t()) {
      assertTrue(v >= big && v <= big + 1000, Long.toString(v));
    }
  }
}
