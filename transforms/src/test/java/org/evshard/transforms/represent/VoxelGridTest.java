package org.evshard.transforms.represent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import org.evshard.io.events.Events;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.TestEvents;
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
  void sumsMatchExactArithmeticSortedUnsortedAndOnBothPaths() {
    // 13 x 9 = 117 pixels: 100 events on 10 bins stay below one event per pixel and bin (event by event), 5000 are
    // above it (packed); the long recording (x 2^28 us) is past the packed time limit and goes event by event.
    // Unsorted input takes the general loop (from the start, when the per-bin paths meet a step back).
    SensorSize s = new SensorSize(13, 9, 2);
    for (int n : new int[] {2, 3, 100, 5000}) {
      Events sorted = TestEvents.random(n, s, 50_000, n);
      long[] t = sorted.t().clone();
      long swap = t[0];
      t[0] = t[n - 1];
      t[n - 1] = swap;
      Events unsorted = Events.wrap(sorted.x(), sorted.y(), t, sorted.p());
      // one step back in the middle: the per-bin paths have summed half the events when they meet it
      long[] late = sorted.t().clone();
      late[n / 2] = late[n / 2 - 1] - 1;
      Events lateStep = Events.wrap(sorted.x(), sorted.y(), late, sorted.p());
      long[] longer = Arrays.stream(sorted.t()).map(v -> v << 28).toArray();
      Events longRecording = Events.wrap(sorted.x(), sorted.y(), longer, sorted.p());
      for (Events e : new Events[] {sorted, unsorted, lateStep, longRecording}) {
        for (SensorSize sensor : new SensorSize[] {s, s.withPolarities(1)}) {
          for (int bins : new int[] {1, 2, 10}) {
            for (VoxelGrid.Scaling scaling : VoxelGrid.Scaling.values()) {
              assertClose(exactVoxels(e, sensor, bins, scaling), VoxelGrid.apply(e, sensor, bins, scaling).doubles(),
                  n + " events, " + bins + " bins, " + scaling);
            }
          }
        }
      }
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
