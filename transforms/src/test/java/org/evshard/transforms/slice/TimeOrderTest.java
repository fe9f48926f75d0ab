package org.evshard.transforms.slice;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.TestEvents;
import org.evshard.transforms.TransformException;
import org.evshard.transforms.spec.TransformChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernels that check time order as they visit their slices ({@link TimeOrder}: pairs inside a slice in the
 * counting loop, the rest before it) report exactly the one step back put anywhere into a sorted recording: inside a
 * slice, at a slice's first event, between slices, in the events no slice holds (incomplete windows left out), with
 * overlapping slices, and at the last event.
 */
class TimeOrderTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"frame(time_window=700)", "frame(time_window=700, overlap=300)",
      "frame(time_window=700, include_incomplete=False)", "frame(time_window=5000, include_incomplete=False)",
      "frame(n_time_bins=5)", "frame(n_time_bins=5, overlap=0.3)", "frame(n_time_bins=5, split=spikingjelly)",
      "timesurface(dt=700, tau=300)", "timesurface(dt=20, tau=300)", "timesurface(dt=700, tau=300, overlap=200)",
      "timesurface(dt=700, tau=300, include_incomplete=False)", "voxel_grid(n_time_bins=4)",
      "voxel_grid(n_time_bins=4, scaling=e2vid)", "point_cloud(window=700, stride=300, min_events=1, n_points=8)",
      "averaged_timesurface(cell_size=2, surface_size=1, time_window=50, tau=10)", "bina_rep(n_frames=1, n_bits=2)"})
  void oneStepBackAnywhereIsReportedAtItsIndex(String spec) {
    TransformChain chain = TransformChain.parse(List.of(spec));
    String name = spec.substring(0, spec.indexOf('('));
    SensorSize sensor = new SensorSize(8, 6, 2);
    SplittableRandom rng = new SplittableRandom(spec.hashCode());
    for (int trial = 0; trial < 300; trial++) {
      int n = 2 + rng.nextInt(trial < 100 ? 8 : 400);
      Events sorted = TestEvents.random(n, sensor, 1 + rng.nextInt(10_000), rng.nextLong());
      chain.apply(sorted, sensor); // fine
      long[] t = sorted.t().clone();
      int k = 1 + rng.nextInt(n - 1);
      t[k] = t[k - 1] - 1 - rng.nextInt(3); // the only pair out of order is (k - 1, k)
      Events stepBack = Events.wrap(sorted.x(), sorted.y(), t, sorted.p());
      TransformException e = assertThrows(TransformException.class, () -> chain.apply(stepBack, sensor),
          spec + ", " + n + " events, step back at " + k);
      assertTrue(e.getMessage().startsWith(name + ": needs time-ordered events, as Tonic assumes: event " + k
          + " at t = " + t[k] + " comes after t = " + t[k - 1]), spec + ": " + e.getMessage());
    }
  }

  /**
   * Binary-search slices rarely start at a step back (a lower bound lands past it), so the pairs outside the slice
   * interiors are checked on hand-made slices too: one step back at every index, against slices that start at it,
   * leave gaps, overlap, are empty or hold one event; exactly the pairs no interior holds must be reported.
   */
  @Test
  void outsideSlicesChecksExactlyThePairsNoInteriorHolds() {
    long[][] layouts = {{0, 3, 3, 6}, {0, 2, 4, 6}, {1, 4, 2, 5}, {0, 0, 2, 3, 3, 3, 5, 6}, {2, 4}, {}, {0, 6}};
    for (long[] layout : layouts) {
      SliceRanges slices = new SliceRanges(layout, 6);
      for (int k = 1; k < 6; k++) {
        long[] t = {0, 10, 20, 30, 40, 50};
        t[k] = t[k - 1] - 1;
        boolean interior = false;
        for (int s = 0; s < slices.count(); s++) {
          interior |= slices.clampedStart(s) < k && k < slices.clampedStop(s);
        }
        String what = java.util.Arrays.toString(layout) + ", step back at " + k;
        if (interior) {
          TimeOrder.outsideSlices("frame", t, slices); // left to the counting loop
        } else {
          int at = k;
          TransformException e = assertThrows(TransformException.class,
              () -> TimeOrder.outsideSlices("frame", t, slices), what);
          assertTrue(e.getMessage().startsWith("frame: needs time-ordered events, as Tonic assumes: event " + at
              + " at t = "), what + ": " + e.getMessage());
        }
      }
    }
  }
}
