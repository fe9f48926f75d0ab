package org.evshard.transforms.represent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.evshard.io.events.Events;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.TestEvents;
import org.evshard.transforms.TransformException;
import org.evshard.transforms.slice.SliceRanges;
import org.evshard.transforms.slice.Slicer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hand-computed representation cases, the variants and the documented deviations from Tonic. */
class RepresentationTest {

  private static final SensorSize S = new SensorSize(3, 2, 2);

  @Test
  void frameSaturatesInsteadOfWrapping() {
    int n = 40_000;
    Events e = Events.wrap(new short[n], new short[n], new long[n], new boolean[n]);
    Tensor f = Frame.byEventBins(e, S, 1, 0.0);
    assertEquals(Short.MAX_VALUE, f.shorts()[0]);
  }

  @Test
  void frameMatchesNaiveCountOnEveryPath() {
    // small slices count straight into the output, large ones after reading the frame one value per line; both
    // polarity layouts
    SensorSize s = new SensorSize(17, 11, 2);
    Events e = TestEvents.random(20_000, s, 100_000, 3);
    for (SensorSize sensor : new SensorSize[] {s, s.withPolarities(1)}) {
      for (long window : new long[] {10, 500, 20_000, 200_000}) {
        SliceRanges r = Slicer.byTime(e.t(), window, window / 5, true);
        assertArrayEquals(naiveFrames(e, sensor, r), Frame.accumulate(e, sensor, r).shorts(), "window " + window);
      }
    }
  }

  @Test
  void frameRejectsEventsOutsideTheSensorOnEveryPath() {
    SensorSize s = new SensorSize(4, 3, 2);
    for (int[] xy : new int[][] {{-1, 0}, {0, -1}, {4, 0}, {0, 3}, {-32768, 0}}) {
      for (int n : new int[] {1, 2000}) { // one event counts directly, 2000 after the line pre-read
        int[] x = new int[n];
        int[] y = new int[n];
        x[n - 1] = xy[0];
        y[n - 1] = xy[1];
        Events e = TestEvents.of(x, y, new long[n], new boolean[n]);
        assertThrows(TransformException.class, () -> Frame.byEventBins(e, s, 1, 0.0));
      }
    }
  }

  @Test
  void timeSurfaceMatchesTonicFormulaOnBothPaths() {
    // dt small against the events: tabulated exps written per event; dt large: per-cell memory and touched list
    SensorSize s = new SensorSize(9, 7, 2);
    Events e = TestEvents.random(5_000, s, 50_000, 5);
    for (SensorSize sensor : new SensorSize[] {s, s.withPolarities(1)}) {
      for (long[] dtOverlap : new long[][] {{100, 0}, {1000, 0}, {1000, 300}, {5000, 0}, {20_000, 0}}) {
        long dt = dtOverlap[0];
        double tau = dt / 2.0;
        Tensor got = TimeSurface.apply(e, sensor, dt, tau, dtOverlap[1], false);
        SliceRanges r = Slicer.byTime(e.t(), dt, dtOverlap[1], false);
        int cells = sensor.polarities() * sensor.width() * sensor.height();
        long[] memory = new long[cells];
        boolean[] fired = new boolean[cells];
        double[] d = got.doubles();
        for (int f = 0; f < r.count(); f++) {
          for (int i = r.clampedStart(f); i < r.clampedStop(f); i++) {
            int c = (sensor.polarities() == 2 && e.p()[i] ? 1 : 0) * 63 + e.y()[i] * 9 + e.x()[i];
            memory[c] = e.t()[i];
            fired[c] = true;
          }
          long now = (f + 1) * dt + e.t()[0];
          for (int c = 0; c < cells; c++) {
            double want = fired[c] ? Math.exp((double) (memory[c] - now) / tau) : 0.0;
            assertEquals(want, d[f * cells + c], 1e-12 * want, "dt " + dt + " slice " + f + " cell " + c);
          }
        }
      }
    }
  }

  private static short[] naiveFrames(Events e, SensorSize s, SliceRanges r) {
    int cells = s.polarities() * s.width() * s.height();
    short[] out = new short[r.count() * cells];
    for (int f = 0; f < r.count(); f++) {
      for (int i = r.clampedStart(f); i < r.clampedStop(f); i++) {
        int c = s.polarities() == 2 && e.p()[i] ? 1 : 0;
        out[f * cells + (c * s.height() + e.y()[i]) * s.width() + e.x()[i]]++;
      }
    }
    return out;
  }

  @Test
  void frameWithOnePolarityMergesChannels() {
    Events e = TestEvents.of(new int[] {0, 0}, new int[] {1, 1}, new long[] {0, 5}, new boolean[] {true, false});
    Tensor f = Frame.byEventBins(e, S.withPolarities(1), 1, 0.0);
    assertArrayEquals(new long[] {1, 1, 2, 3}, f.shape());
    assertEquals(2, f.shorts()[3]);
  }

  @Test
  void spikingJellyFrames() {
    Events e = TestEvents.of(new int[] {0, 1, 2, 0, 1}, new int[] {0, 0, 0, 1, 1}, new long[] {0, 1, 2, 3, 4},
        new boolean[] {true, true, true, true, true});
    Tensor f = Frame.spikingJellyEventBins(e, S, 2); // 2 + 3 events
    short[] d = f.shorts();
    int plane = 6;
    assertEquals(2, sum(d, 0 * 2 * plane + plane, plane)); // frame 0, ON channel
    assertEquals(3, sum(d, 1 * 2 * plane + plane, plane));
  }

  /** Tonic's ToImage: one (P, H, W) count image of every event, the frame of n_event_bins=1 without its first axis. */
  @Test
  void imageCountsEveryEventIntoOneFrame() {
    // 3 x 2 sensor: OFF at (0, 0) twice, ON at (2, 1) and (1, 0)
    Events e = TestEvents.of(new int[] {0, 2, 0, 1}, new int[] {0, 1, 0, 0}, new long[] {1, 2, 3, 4},
        new boolean[] {false, true, false, true});
    Tensor image = Frame.image(e, S);
    assertArrayEquals(new long[] {2, 2, 3}, image.shape());
    assertArrayEquals(new short[] {2, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1}, image.shorts());
    Tensor merged = Frame.image(e, S.withPolarities(1));
    assertArrayEquals(new long[] {1, 2, 3}, merged.shape());
    assertArrayEquals(new short[] {2, 1, 0, 0, 0, 1}, merged.shorts());
    Events random = TestEvents.random(5000, new SensorSize(13, 9, 2), 20_000, 4);
    assertArrayEquals(Frame.byEventBins(random, new SensorSize(13, 9, 2), 1, 0.0).shorts(),
        Frame.image(random, new SensorSize(13, 9, 2)).shorts());
    assertArrayEquals(new short[12], Frame.image(Events.empty(), S).shorts());
  }

  @Test
  void voxelGridZeroLengthPutsEverythingInBinZero() {
    Events e = TestEvents.of(new int[] {1, 2}, new int[] {0, 1}, new long[] {7, 7}, new boolean[] {true, false});
    double[] v = VoxelGrid.apply(e, S, 3, VoxelGrid.Scaling.TONIC).doubles();
    assertEquals(1.0, v[1]);
    assertEquals(-1.0, v[5]);
    assertEquals(0.0, sumAbs(v) - 2.0);
  }

  @Test
  void voxelGridE2vidScaling() {
    // t = 0, 5, 10 on 3 bins: e2vid ts = 0, 1, 2; Tonic ts = 0, 1.5, 3 (the last event falls off)
    Events e = TestEvents.of(new int[] {0, 0, 0}, new int[] {0, 0, 0}, new long[] {0, 5, 10},
        new boolean[] {true, true, true});
    double[] e2 = VoxelGrid.apply(e, S, 3, VoxelGrid.Scaling.E2VID).doubles();
    assertEquals(1.0, e2[0]);
    assertEquals(1.0, e2[6]);
    assertEquals(1.0, e2[12]);
    double[] tonic = VoxelGrid.apply(e, S, 3, VoxelGrid.Scaling.TONIC).doubles();
    assertEquals(1.0, tonic[0]);
    assertEquals(0.5, tonic[6]);
    assertEquals(0.5, tonic[12]);
    // e2vid on one event: deltaT = 1, the event goes to bin 0
    double[] one = VoxelGrid.apply(TestEvents.single(2, 1, 9, false), S, 3, VoxelGrid.Scaling.E2VID).doubles();
    assertEquals(-1.0, one[5]);
  }

  @Test
  void timeSurfaceDecaysAndLeavesSilentPixelsAtZero() {
    Events e = TestEvents.of(new int[] {0, 1}, new int[] {0, 0}, new long[] {0, 15}, new boolean[] {true, true});
    Tensor ts = TimeSurface.apply(e, S, 10, 5.0, 0, true);
    double[] d = ts.doubles();
    assertArrayEquals(new long[] {2, 2, 2, 3}, ts.shape());
    assertEquals(Math.exp(-10 / 5.0), d[6], 1e-15); // frame 0, ON, (0,0): now = 10
    assertEquals(0.0, d[7]);
    assertEquals(Math.exp(-20 / 5.0), d[12 + 6], 1e-15); // frame 1: now = 20
    assertEquals(Math.exp(-5 / 5.0), d[12 + 7], 1e-15);
  }

  @Test
  void averagedTimeSurfaceOfTwoEvents() {
    SensorSize s = new SensorSize(4, 4, 1);
    Events e = TestEvents.of(new int[] {1, 2}, new int[] {1, 1}, new long[] {100, 200}, new boolean[] {true, true});
    Tensor h = AveragedTimeSurface.apply(e, s, 4, 3, 1000, 100, AveragedTimeSurface.Decay.EXP);
    assertArrayEquals(new long[] {1, 1, 3, 3}, h.shape());
    float[] d = h.floats();
    assertEquals(1.0f, d[4]); // both events add 1 at the centre, averaged over 2
    assertEquals((float) (Math.exp(-1.0) / 2), d[3], 1e-7); // the first event, one pixel left of the second
  }

  /** A cell wider than the sensor is one cell (a fuzz finding: cell_size = 2^31 - 1 overflowed the grid size). */
  @ParameterizedTest(name = "cell_size={0}")
  @ValueSource(longs = {5, 40, Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, Long.MAX_VALUE})
  void averagedTimeSurfaceCellWiderThanTheSensorIsOneCell(long cellSize) {
    SensorSize s = new SensorSize(4, 4, 1);
    Events e = TestEvents.of(new int[] {1, 2, 3}, new int[] {1, 1, 3}, new long[] {100, 200, 250},
        new boolean[] {true, true, false});
    Tensor one = AveragedTimeSurface.apply(e, s, 4, 3, 1000, 100, AveragedTimeSurface.Decay.EXP);
    Tensor wide = AveragedTimeSurface.apply(e, s, cellSize, 3, 1000, 100, AveragedTimeSurface.Decay.EXP);
    assertArrayEquals(new long[] {1, 1, 3, 3}, wide.shape());
    assertArrayEquals(one.floats(), wide.floats());
  }

  @Test
  void binaRepReadsBitsEarliestFirst() {
    short[] frames = {1, 0, 0, 5}; // 4 binary frames of one pixel: 1,0,0,1 -> 9 / 15
    Tensor t = BinaRep.apply(Tensor.ofInt16(new long[] {4, 1, 1, 1}, frames), 1, 4);
    assertEquals(9f / 15f, t.floats()[0]);
  }

  private static int sum(short[] d, int from, int len) {
    int s = 0;
    for (int i = from; i < from + len; i++) {
      s += d[i];
    }
    return s;
  }

  private static double sumAbs(double[] d) {
    double s = 0;
    for (double v : d) {
      s += Math.abs(v);
    }
    return s;
  }
}
