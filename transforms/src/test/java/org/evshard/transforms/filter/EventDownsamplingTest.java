package org.evshard.transforms.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.TestEvents;
import org.evshard.transforms.TransformException;
import org.evshard.transforms.spec.ChainResult;
import org.evshard.transforms.spec.TransformChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventDownsamplingTest {

  private static final SensorSize FOUR = new SensorSize(4, 4, 2);

  /**
   * On a 4x4 sensor to 2x2, windows of 1 ms, threshold 2. Window 0: two ON events in target pixel (0,0) fire it, one
   * OFF in (1,0) stays below. Window 1: two OFF in (1,1) fire it. Window 2: ON in (0,0) and (1,1), OFF in (0,1); ON
   * first, each polarity in row-major order. The event at 3000 us starts an incomplete window and is dropped.
   */
  private static Events handCase(long offset) {
    return TestEvents.of(new int[] {0, 1, 3, 2, 3, 3, 3, 0, 1, 0, 1, 0},
        new int[] {0, 1, 0, 3, 2, 3, 3, 2, 3, 0, 0, 0},
        shift(new long[] {0, 100, 500, 1200, 1500, 2000, 2100, 2200, 2300, 2400, 2500, 3000}, offset),
        new boolean[] {true, true, false, false, false, true, true, false, false, true, true, true});
  }

  @ParameterizedTest(name = "t0 = {0}")
  @CsvSource({"0", "5000", "123456789"})
  void integratorOnAHandComputedCaseWithTimesFromTheFirstEvent(long offset) {
    Events out = EventDownsampling.integrator(handCase(offset), FOUR, 2, 2, 1.0, 2);
    assertEquals(List.of("0 0 0 ON", "1 1 1000 OFF", "0 0 2000 ON", "1 1 2000 ON", "0 1 2000 OFF"), rows(out));
  }

  @Test
  void differentiatorOnTheSameCaseEmitsWhereSpikeCountsGrow() {
    // windows of dt / bins = 1 ms are the integrator's above; windows 0-1 form the first window of 2 ms, window 2
    // the second: (0,0) ON spikes once in both (no growth), (1,1) grows ON, (0,1) grows OFF; stamped at 0, OFF first
    Events out = EventDownsampling.differentiator(handCase(700), FOUR, 2, 2, 2.0, 2, 2);
    assertEquals(List.of("0 1 0 OFF", "1 1 0 ON"), rows(out));
  }

  @Test
  void bothMatchADenseTranscriptionOfTonicsSteps() {
    SplittableRandom rng = new SplittableRandom(11);
    double[] dts = {0.05, 0.07, 0.1, 0.33, 0.5, 1.0, 2.0, 2.5};
    int integrated = 0;
    int off = 0;
    for (int round = 0; round < 150; round++) {
      SensorSize s = new SensorSize(rng.nextInt(8, 80), rng.nextInt(8, 60), 2);
      Events e = TestEvents.random(rng.nextInt(1, 3000), s, rng.nextLong(1000, 200_000), rng.nextLong());
      int tw = rng.nextInt(1, s.width() + 1);
      int th = rng.nextInt(1, s.height() + 1);
      double dt = dts[rng.nextInt(dts.length)];
      long thr = rng.nextInt(1, 4);
      int bins = rng.nextInt(1, 5);
      String what = s + " -> " + tw + "x" + th + ", dt " + dt + ", threshold " + thr + ", bins " + bins;
      List<String> expected = denseIntegrator(e, s, tw, th, dt * 1000, thr, null);
      assertEquals(expected, rows(EventDownsampling.integrator(e, s, tw, th, dt, thr)), what);
      integrated += expected.size();
      List<String> diff = denseDifferentiator(e, s, tw, th, dt, thr, bins);
      assertEquals(diff, rows(EventDownsampling.differentiator(e, s, tw, th, dt, thr, bins)), what);
      off += (int) diff.stream().filter(r -> r.endsWith("OFF")).count();
    }
    assertTrue(integrated > 10_000 && off > 1_000, integrated + " integrated, " + off + " OFF");
  }

  @Test
  void pythonFloorDivisionIsNotFloorOfTheQuotient() {
    // values from CPython: 1 // 0.1 == 9.0 (1 / 0.1 rounds up to 10), -1 // 0.1 == -10.0, 0.3 // 0.1 == 2.0
    assertEquals(9.0, EventDownsampling.floorDivide(1, 0.1));
    assertEquals(-10.0, EventDownsampling.floorDivide(-1, 0.1));
    assertEquals(2.0, EventDownsampling.floorDivide(0.3, 0.1));
    assertEquals(3.0, EventDownsampling.floorDivide(7000, 2000));
  }

  @Test
  void aZeroThresholdIsRefusedBecauseTonicFiresEveryPixelWithIt() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> EventDownsampling.integrator(handCase(0), FOUR, 2, 2, 1.0, 0));
    assertTrue(e.getMessage().contains("noise_threshold must be at least 1, got 0"), e.getMessage());
    assertThrows(InvalidParameterException.class, () -> TransformChain.parse(
        List.of("event_downsampling(target_size=(2, 2), dt=1, noise_threshold=0)")));
    assertThrows(InvalidParameterException.class, () -> TransformChain.parse(
        List.of("event_downsampling(target_size=(2, 2, 2), dt=1, noise_threshold=1)")));
  }

  @Test
  void anEventOffTheSensorIsRefusedWithItsIndex() {
    Events e = TestEvents.of(new int[] {0, 4, 0}, new int[] {0, 0, 0}, new long[] {0, 10, 20},
        new boolean[] {true, true, true});
    TransformException ex = assertThrows(TransformException.class,
        () -> EventDownsampling.integrator(e, FOUR, 2, 2, 0.001, 1));
    assertTrue(ex.getMessage().contains("event 1"), ex.getMessage());
  }

  @Test
  void theSpecGivesTheTargetSensorWithTwoPolarities() {
    ChainResult r = TransformChain.parse(List.of("merge_polarities",
        "event_downsampling(target_size=(2, 2), dt=2, noise_threshold=2, downsampling_method=differentiator)"))
        .apply(handCase(0), FOUR);
    assertEquals(new SensorSize(2, 2, 2), r.sensor());
    // merged polarities are all OFF: only OFF spikes, and only OFF growth
    assertTrue(r.events().size() > 0 && rows(r.events()).stream().allMatch(x -> x.endsWith("OFF")));
  }

  /**
   * Tonic's integrator step by step on dense arrays: every event binned into its window by the float64 window bounds,
   * the ON - OFF histogram added to the potential of every pixel, every pixel tested in row-major order. When
   * {@code spikes} is given, records each window's spikes as {@code {window, pixel, on}} instead of events.
   */
  private static List<String> denseIntegrator(Events e, SensorSize s, int tw, int th, double window, long thr,
      List<long[]> spikes) {
    List<String> out = new ArrayList<>();
    int n = e.size();
    long t0 = e.t()[0];
    int windows = Math.max((int) Math.floor(((double) (e.t()[n - 1] - t0) - window) / window) + 1, 1);
    double fx = (double) tw / s.width();
    double fy = (double) th / s.height();
    double[] potential = new double[tw * th];
    for (int w = 0; w < windows; w++) {
      double start = w * window + t0;
      double end = start + window;
      for (int i = 0; i < n; i++) {
        double t = e.t()[i];
        if (t >= start && t < end) {
          potential[(int) (e.y()[i] * fy) * tw + (int) (e.x()[i] * fx)] += e.p()[i] ? 1 : -1;
        }
      }
      List<Integer> on = new ArrayList<>();
      List<Integer> offs = new ArrayList<>();
      for (int c = 0; c < potential.length; c++) {
        if (potential[c] >= thr) {
          on.add(c);
        }
        if (-potential[c] >= thr) {
          offs.add(c);
        }
      }
      for (int c : on) {
        potential[c] = 0;
        out.add(row(c % tw, c / tw, (long) (w * window), true));
        if (spikes != null) {
          spikes.add(new long[] {w, c, 1});
        }
      }
      for (int c : offs) {
        potential[c] = 0;
        out.add(row(c % tw, c / tw, (long) (w * window), false));
        if (spikes != null) {
          spikes.add(new long[] {w, c, 0});
        }
      }
    }
    return out;
  }

  /** Tonic's differentiator on a dense (T, H, W, 2) count array, with OFF spikes counted. */
  private static List<String> denseDifferentiator(Events e, SensorSize s, int tw, int th, double dt, long thr,
      int bins) {
    double small = dt / bins * 1000;
    double big = dt * 1000;
    List<long[]> spikes = new ArrayList<>();
    denseIntegrator(e, s, tw, th, small, thr, spikes);
    List<String> out = new ArrayList<>();
    if (spikes.isEmpty()) {
      return out;
    }
    int frames = (int) Math.floor(spikes.get(spikes.size() - 1)[0] * small / big) + 1;
    int[][] counts = new int[frames][2 * tw * th];
    for (long[] sp : spikes) {
      counts[(int) Math.floor(sp[0] * small / big)][(int) (2 * sp[1] + sp[2])]++;
    }
    for (int f = 0; f + 1 < frames; f++) {
      for (int c = 0; c < 2 * tw * th; c++) {
        if (counts[f + 1][c] > counts[f][c]) {
          out.add(row((c / 2) % tw, (c / 2) / tw, (long) (f * big), c % 2 == 1));
        }
      }
    }
    return out;
  }

  private static List<String> rows(Events e) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < e.size(); i++) {
      out.add(row(e.x()[i], e.y()[i], e.t()[i], e.p()[i]));
    }
    return out;
  }

  private static String row(int x, int y, long t, boolean on) {
    return x + " " + y + " " + t + " " + (on ? "ON" : "OFF");
  }

  private static long[] shift(long[] t, long by) {
    long[] out = t.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] += by;
    }
    return out;
  }
}
