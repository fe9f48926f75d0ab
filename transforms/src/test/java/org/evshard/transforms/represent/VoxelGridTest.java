package org.evshard.transforms.represent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import org.evshard.io.events.Events;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.TestEvents;
import org.evshard.transforms.TransformException;
import org.junit.jupiter.api.Test;

/**
 * The voxel grid's sums against exact arithmetic, on both of its per-bin paths: event by event in float64 (a bin with
 * fewer events than pixels, or one past the packed limits) and the packed integer sums (a dense bin). The golden
 * cases (TonicGoldenTest) check the result against Tonic's own output.
 */
class VoxelGridTest {

  /** Far below the 1e-9 of the golden tests, far above the rounding of either path on these sizes. */
  private static final double TOLERANCE = 1e-12;

  @Test
  void sumsMatchExactArithmeticOnBothPathsAndStepsBackAreRefused() {
    // 13 x 9 = 117 pixels: 100 events on 10 bins stay below one event per pixel and bin (event by event), 5000 are
    // above it (packed); the long recording (x 2^28 us) is past the packed time limit and goes event by event.
    // A step back in time is refused wherever it lies: first and last swapped, or in the middle, where the per-bin
    // paths have summed half the events when they meet it.
    SensorSize s = new SensorSize(13, 9, 2);
    for (int n : new int[] {2, 3, 100, 5000}) {
      Events sorted = TestEvents.random(n, s, 50_000, n);
      long[] t = sorted.t().clone();
      long swap = t[0];
      t[0] = t[n - 1];
      t[n - 1] = swap;
      Events unsorted = Events.wrap(sorted.x(), sorted.y(), t, sorted.p());
      long[] late = sorted.t().clone();
      late[n / 2] = late[n / 2 - 1] - 1;
      Events lateStep = Events.wrap(sorted.x(), sorted.y(), late, sorted.p());
      long[] longer = Arrays.stream(sorted.t()).map(v -> v << 28).toArray();
      Events longRecording = Events.wrap(sorted.x(), sorted.y(), longer, sorted.p());
      long[] lateLonger = Arrays.stream(late).map(v -> v << 28).toArray();
      Events lateStepLong = Events.wrap(sorted.x(), sorted.y(), lateLonger, sorted.p());
      for (SensorSize sensor : new SensorSize[] {s, s.withPolarities(1)}) {
        for (int bins : new int[] {1, 2, 10}) {
          for (VoxelGrid.Scaling scaling : VoxelGrid.Scaling.values()) {
            String what = n + " events, " + bins + " bins, " + scaling;
            for (Events e : new Events[] {sorted, longRecording}) {
              assertClose(exactVoxels(e, sensor, bins, scaling), VoxelGrid.apply(e, sensor, bins, scaling).doubles(),
                  what);
            }
            if (t[0] != t[n - 1]) {
              TransformException e = assertThrows(TransformException.class,
                  () -> VoxelGrid.apply(unsorted, sensor, bins, scaling), what);
              assertTrue(e.getMessage().startsWith("voxel_grid: needs time-ordered events"), e.getMessage());
            }
            for (Events e : new Events[] {lateStep, lateStepLong}) {
              TransformException x = assertThrows(TransformException.class,
                  () -> VoxelGrid.apply(e, sensor, bins, scaling), what);
              assertTrue(x.getMessage().startsWith("voxel_grid: needs time-ordered events, as Tonic assumes: event "
                  + n / 2 + " at t = " + e.t()[n / 2] + " comes after t = " + e.t()[n / 2 - 1]), x.getMessage());
            }
          }
        }
      }
    }
  }

  /** The event-by-event loop (a recording of zero length, or timestamps past 2^53) refuses a step back too. */
  @Test
  void theGeneralLoopRefusesAStepBack() {
    long big = 1L << 60;
    for (long[] t : new long[][] {{5, 3, 5}, {big, big + 10, big + 5, big + 20}}) {
      int n = t.length;
      Events e = Events.wrap(new short[n], new short[n], t, new boolean[n]);
      int back = t[1] < t[0] ? 1 : 2;
      TransformException x = assertThrows(TransformException.class,
          () -> VoxelGrid.apply(e, new SensorSize(1, 1, 2), 3, VoxelGrid.Scaling.TONIC));
      assertTrue(x.getMessage().contains("event " + back + " at t = " + t[back] + " comes after t = " + t[back - 1]),
          x.getMessage());
    }
  }

  @Test
  void fullestPackedBinAndTheFirstPastIt() {
    // one pixel, one bin, Tonic's scaling, n events at t = 32 i, all ON or all OFF: event i's fraction is i / (n - 1),
    // the last one falls off, and the pixel's weight is +-sum_{i < n - 1} (1 - i / (n - 1)) = +-n / 2. 2^19 - 1
    // events of one polarity is the largest polarity sum the packed sums hold; 2^19 go event by event (the packed
    // sum would wrap).
    for (int inBin : new int[] {(1 << 19) - 1, 1 << 19}) {
      for (boolean on : new boolean[] {true, false}) {
        int n = inBin + 1;
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
          t[i] = 32L * i;
        }
        boolean[] p = new boolean[n];
        Arrays.fill(p, on);
        double[] grid = VoxelGrid.apply(Events.wrap(new short[n], new short[n], t, p), new SensorSize(1, 1, 2), 1,
            VoxelGrid.Scaling.TONIC).doubles();
        // relative 4e-13 of about 262,000
        assertEquals((on ? 1 : -1) * n / 2.0, grid[0], 1e-7, inBin + " events in the bin, ON " + on);
      }
    }
  }

  @Test
  void packedSumsAtTheTimeLimitAndPastIt() {
    // one pixel, one bin: the first event at 0, 2^12 - 1 events at span - 1 and the last at span, so the bin holds
    // 2^12 events and their time sum is nearly 2^12 x span. A span of 2^31 puts count x span at the packed time limit
    // (2^43); past it (2^31 + 1, 2^32, where the packed sum would wrap) the bin goes event by event. The pixel's
    // weight is 1 + (2^12 - 1) / span.
    int n = (1 << 12) + 1;
    for (long span : new long[] {1L << 31, (1L << 31) + 1, 1L << 32}) {
      long[] t = new long[n];
      Arrays.fill(t, 1, n - 1, span - 1);
      t[n - 1] = span;
      boolean[] p = new boolean[n];
      Arrays.fill(p, true);
      double[] grid = VoxelGrid.apply(Events.wrap(new short[n], new short[n], t, p), new SensorSize(1, 1, 2), 1,
          VoxelGrid.Scaling.TONIC).doubles();
      assertEquals(1.0 + (n - 2) / (double) span, grid[0], 1e-9, "span " + span);
    }
  }

  private static void assertClose(double[] expected, double[] actual, String what) {
    assertEquals(expected.length, actual.length, what);
    for (int i = 0; i < expected.length; i++) {
      double tolerance = TOLERANCE * Math.max(1.0, Math.abs(expected[i]));
      assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance,
          what + ": cell " + i + " expected " + expected[i] + " but was " + actual[i]);
    }
  }

  /**
   * Tonic's voxel grid with each event's bin from Tonic's float64 formula (as Tonic assigns it) and its weights and
   * their sums in exact decimal arithmetic (non-zero span).
   */
  private static double[] exactVoxels(Events e, SensorSize s, int bins, VoxelGrid.Scaling scaling) {
    int plane = s.width() * s.height();
    BigDecimal[] g = new BigDecimal[bins * plane];
    Arrays.fill(g, BigDecimal.ZERO);
    long[] ts = e.t();
    double t0 = ts[0];
    double span = ts[ts.length - 1] - ts[0];
    long exactSpan = ts[ts.length - 1] - ts[0];
    double scale = scaling == VoxelGrid.Scaling.E2VID ? bins - 1 : bins;
    for (int i = 0; i < ts.length; i++) {
      int ti = (int) (scale * (ts[i] - t0) / span);
      BigDecimal dt = BigDecimal.valueOf((long) scale).multiply(BigDecimal.valueOf(ts[i] - ts[0]))
          .divide(BigDecimal.valueOf(exactSpan), MathContext.DECIMAL128).subtract(BigDecimal.valueOf(ti));
      BigDecimal pol = e.p()[i] ? BigDecimal.ONE : BigDecimal.ONE.negate(); // Tonic's sign, whatever P
      int at = e.y()[i] * s.width() + e.x()[i];
      if (ti >= 0 && ti < bins) {
        g[ti * plane + at] = g[ti * plane + at].add(pol.multiply(BigDecimal.ONE.subtract(dt)));
      }
      if (ti + 1 >= 0 && ti + 1 < bins) {
        g[(ti + 1) * plane + at] = g[(ti + 1) * plane + at].add(pol.multiply(dt));
      }
    }
    return Arrays.stream(g).mapToDouble(BigDecimal::doubleValue).toArray();
  }
}
