package org.evshard.transforms.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.evshard.io.events.Events;
import org.evshard.transforms.OutputBudget;
import org.evshard.transforms.OutputTooLargeException;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.TestEvents;
import org.evshard.transforms.TransformException;
import org.junit.jupiter.api.Test;

/** Seeded augmentations: deterministic per seed, and the distributions Tonic's kernels draw from. */
class AugmentationTest {

  private static final SensorSize S = new SensorSize(128, 128, 2);
  private static final Events E = TestEvents.random(100_000, S, 1_000_000, 11);

  @Test
  void sameSeedSameOutputOtherSeedOtherOutput() {
    assertEquals(DropEvent.random(E, 0.3, 5), DropEvent.random(E, 0.3, 5));
    assertNotEquals(DropEvent.random(E, 0.3, 5), DropEvent.random(E, 0.3, 6));
    assertEquals(SpatialJitter.apply(E, S, 1, 1, 0, false, 5), SpatialJitter.apply(E, S, 1, 1, 0, false, 5));
    assertNotEquals(SpatialJitter.apply(E, S, 1, 1, 0, false, 5), SpatialJitter.apply(E, S, 1, 1, 0, false, 6));
    assertEquals(TimeJitter.apply(E, 10, false, false, 5), TimeJitter.apply(E, 10, false, false, 5));
    assertNotEquals(TimeJitter.apply(E, 10, false, false, 5), TimeJitter.apply(E, 10, false, false, 6));
    assertEquals(UniformNoise.apply(E, S, 1000, 5), UniformNoise.apply(E, S, 1000, 5));
    assertNotEquals(UniformNoise.apply(E, S, 1000, 5), UniformNoise.apply(E, S, 1000, 6));
    assertEquals(DropEvent.byTime(E, 0.2, 5), DropEvent.byTime(E, 0.2, 5));
    assertNotEquals(DropEvent.byTime(E, 0.2, 5), DropEvent.byTime(E, 0.2, 6));
    assertEquals(DropEvent.byArea(E, S, 0.2, 5), DropEvent.byArea(E, S, 0.2, 5));
    assertNotEquals(DropEvent.byArea(E, S, 0.2, 5), DropEvent.byArea(E, S, 0.2, 6));
  }

  /**
   * One event per pixel of a 10 x 8 sensor, its timestamp naming the pixel: every 4 x 3 random crop holds a whole box,
   * equal to {@code crop} at the corner its first event names; over many seeds the corners cover exactly Tonic's
   * range, {@code int(rand() * (W - w))}: 0..5 in x and 0..4 in y, never the last position.
   */
  @Test
  void randomCropTakesAWholeBoxAtTonicsCorners() {
    SensorSize s = new SensorSize(10, 8, 2);
    int[] x = new int[80];
    int[] y = new int[80];
    long[] t = new long[80];
    for (int i = 0; i < 80; i++) {
      x[i] = i % 10;
      y[i] = i / 10;
      t[i] = i;
    }
    Events grid = TestEvents.of(x, y, t, new boolean[80]);
    java.util.Set<Integer> xs = new java.util.TreeSet<>();
    java.util.Set<Integer> ys = new java.util.TreeSet<>();
    for (long seed = 0; seed < 2000; seed++) {
      Events c = Crop.random(grid, s, 4, 3, seed);
      assertEquals(12, c.size(), "seed " + seed);
      int x0 = (int) (c.t()[0] % 10) - c.x()[0];
      int y0 = (int) (c.t()[0] / 10) - c.y()[0];
      assertEquals(Crop.apply(grid, x0, y0, 4, 3), c, "seed " + seed);
      xs.add(x0);
      ys.add(y0);
    }
    assertEquals(java.util.Set.of(0, 1, 2, 3, 4, 5), xs);
    assertEquals(java.util.Set.of(0, 1, 2, 3, 4), ys);
    assertEquals(grid, Crop.random(grid, s, 10, 8, 3)); // the whole sensor: corner (0, 0)
    org.junit.jupiter.api.Assertions.assertThrows(org.evshard.transforms.TransformException.class,
        () -> Crop.random(grid, s, 11, 8, 3));
  }

  /**
   * event_drop on 1,000 events of a 20 x 20 sensor over 400 seeds: each result is one of Tonic's four choices,
   * recognised from what it dropped (nothing; one time interval; one box of at most 5 x 5 pixels; k / 10 of the
   * events), and each choice turns up about a quarter of the time.
   */
  @Test
  void eventDropIsOneOfFourDropsEquallyOften() {
    SensorSize s = new SensorSize(20, 20, 2);
    Events in = TestEvents.random(1000, s, 100_000, 9);
    int[] kinds = new int[4];
    for (long seed = 0; seed < 400; seed++) {
      Events out = DropEvent.eventDrop(in, s, seed);
      assertEquals(out, DropEvent.eventDrop(in, s, seed));
      if (out.equals(in)) {
        kinds[0]++;
        continue;
      }
      boolean[] kept = keptMask(in, out);
      long tMin = Long.MAX_VALUE;
      long tMax = Long.MIN_VALUE;
      int x0 = Integer.MAX_VALUE;
      int x1 = -1;
      int y0 = Integer.MAX_VALUE;
      int y1 = -1;
      for (int i = 0; i < in.size(); i++) {
        if (!kept[i]) {
          tMin = Math.min(tMin, in.t()[i]);
          tMax = Math.max(tMax, in.t()[i]);
          x0 = Math.min(x0, in.x()[i]);
          x1 = Math.max(x1, in.x()[i]);
          y0 = Math.min(y0, in.y()[i]);
          y1 = Math.max(y1, in.y()[i]);
        }
      }
      boolean interval = true;
      boolean box = x1 - x0 < 5 && y1 - y0 < 5;
      for (int i = 0; i < in.size(); i++) {
        if (kept[i]) {
          interval &= in.t()[i] < tMin || in.t()[i] > tMax;
          box &= in.x()[i] < x0 || in.x()[i] > x1 || in.y()[i] < y0 || in.y()[i] > y1;
        }
      }
      int dropped = in.size() - out.size();
      boolean tenths = dropped % 100 == 0 && dropped >= 100 && dropped <= 900;
      if (box) {
        kinds[2]++;
      } else if (interval) {
        kinds[1]++;
      } else {
        assertTrue(tenths, "seed " + seed + ": " + dropped + " dropped, neither an interval, a box nor k/10");
        kinds[3]++;
      }
    }
    for (int k = 0; k < 4; k++) {
      assertTrue(kinds[k] >= 60 && kinds[k] <= 140, java.util.Arrays.toString(kinds));
    }
  }

  /** Which events of {@code in} survive in {@code out} (a subsequence, same order). */
  private static boolean[] keptMask(Events in, Events out) {
    boolean[] kept = new boolean[in.size()];
    int j = 0;
    for (int i = 0; i < in.size() && j < out.size(); i++) {
      if (in.t()[i] == out.t()[j] && in.x()[i] == out.x()[j] && in.y()[i] == out.y()[j]) {
        kept[i] = true;
        j++;
      }
    }
    assertEquals(out.size(), j, "not a subsequence");
    return kept;
  }

  /**
   * flip_lr, flip_ud, flip_polarity and time_reversal with p < 1 are Tonic's Random* transforms: one seeded draw per
   * sample applies the whole transform or leaves the sample as it is, about p of the samples (salts) are changed, and
   * the same seed and salt always decide alike.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"flip_lr", "flip_ud", "flip_polarity", "time_reversal"})
  void randomVariantsApplyToAboutPOfTheSamples(String name) {
    Events small = TestEvents.random(50, S, 10_000, 3);
    org.evshard.transforms.spec.TransformChain always =
        org.evshard.transforms.spec.TransformChain.parse(java.util.List.of(name + "(p=1)"));
    org.evshard.transforms.spec.TransformChain byDefault = // Tonic's Random* default p = 0.5
        org.evshard.transforms.spec.TransformChain.parse(java.util.List.of(name));
    org.evshard.transforms.spec.TransformChain sometimes =
        org.evshard.transforms.spec.TransformChain.parse(java.util.List.of(name + "(p=0.3, seed=9)"));
    Events whole = always.apply(small, S).events();
    assertNotEquals(small, whole);
    int applied = 0;
    int appliedByDefault = 0;
    for (long salt = 1; salt <= 2000; salt++) {
      appliedByDefault += byDefault.apply(small, S, salt).events().equals(whole) ? 1 : 0;
      Events out = sometimes.apply(small, S, salt).events();
      assertTrue(out.equals(small) || out.equals(whole), name + " salt " + salt + " gave a partial transform");
      applied += out.equals(whole) ? 1 : 0;
      assertEquals(out, sometimes.apply(small, S, salt).events());
    }
    // 2,000 draws, p = 0.3: 600 expected, sd about 20
    assertTrue(applied > 520 && applied < 680, name + " applied to " + applied + " of 2000 samples");
    // p = 0.5: 1,000 expected, sd about 22
    assertTrue(appliedByDefault > 900 && appliedByDefault < 1100, name + " by default applied to "
        + appliedByDefault + " of 2000 samples");
    assertEquals(small, org.evshard.transforms.spec.TransformChain.parse(java.util.List.of(name + "(p=0)"))
        .apply(small, S, 5).events());
    org.junit.jupiter.api.Assertions.assertThrows(org.evshard.transforms.InvalidParameterException.class,
        () -> org.evshard.transforms.spec.TransformChain.parse(java.util.List.of(name + "(p=1.5)")));
  }

  /** random_drop_pixel drops whole pixels, about p of them; p = 0 keeps everything, p = 1 nothing on the sensor. */
  @Test
  void randomDropPixelDropsWholePixelsWithProbabilityP() {
    SensorSize s = new SensorSize(40, 30, 2);
    Events in = TestEvents.random(20_000, s, 100_000, 5); // about 17 events per pixel
    Events out = DropPixels.randomPixels(in, s, 0.3, 8);
    assertEquals(out, DropPixels.randomPixels(in, s, 0.3, 8));
    boolean[] kept = keptMask(in, out);
    int[] state = new int[s.width() * s.height()]; // 1 kept, 2 dropped
    for (int i = 0; i < in.size(); i++) {
      int at = in.y()[i] * s.width() + in.x()[i];
      int now = kept[i] ? 1 : 2;
      assertTrue(state[at] == 0 || state[at] == now, "pixel " + at + " both kept and dropped");
      state[at] = now;
    }
    long dropped = java.util.Arrays.stream(state).filter(v -> v == 2).count();
    // 1,200 pixels, p = 0.3: 360 expected, sd about 16
    assertTrue(dropped > 300 && dropped < 420, dropped + " pixels dropped");
    assertEquals(in, DropPixels.randomPixels(in, s, 0.0, 8));
    assertEquals(0, DropPixels.randomPixels(in, s, 1.0, 8).size());
  }

  @Test
  void dropEventDropsExactlyRoundedPTimesNAndKeepsOrder() {
    Events out = DropEvent.random(E, 0.25, 1);
    assertEquals(E.size() - (int) (0.25 * E.size() + 0.5), out.size());
    assertSorted(out.t());
    assertEquals(E.size(), DropEvent.random(E, 0.0, 1).size());
    assertEquals(0, DropEvent.random(E, 1.0, 1).size());
    // every index is equally likely to go: the first and second half lose about the same share
    int firstHalf = 0;
    long mid = E.t()[E.size() / 2];
    for (long t : out.t()) {
      firstHalf += t < mid ? 1 : 0;
    }
    assertEquals(out.size() / 2.0, firstHalf, out.size() * 0.02);
  }

  @Test
  void spatialJitterHasTheGivenCovarianceAndTruncatesLikeNumpy() {
    short[] x = new short[20_000];
    short[] y = new short[20_000];
    java.util.Arrays.fill(x, (short) 64);
    java.util.Arrays.fill(y, (short) 64);
    Events centre = Events.wrap(x, y, new long[20_000], new boolean[20_000]);
    Events out = SpatialJitter.apply(centre, S, 16, 4, 0, false, 3);
    double mx = 0;
    double my = 0;
    for (int i = 0; i < out.size(); i++) {
      mx += out.x()[i] - 64;
      my += out.y()[i] - 64;
    }
    mx /= out.size();
    my /= out.size();
    double vx = 0;
    double vy = 0;
    for (int i = 0; i < out.size(); i++) {
      vx += Math.pow(out.x()[i] - 64 - mx, 2);
      vy += Math.pow(out.y()[i] - 64 - my, 2);
    }
    vx /= out.size();
    vy /= out.size();
    // numpy's cast truncates toward zero, i.e. floors these positive coordinates: mean shift -1/2, variance + 1/12
    assertEquals(-0.5, mx, 0.1);
    assertEquals(-0.5, my, 0.1);
    assertEquals(16 + 1 / 12.0, vx, 0.8);
    assertEquals(4 + 1 / 12.0, vy, 0.25);
    Events clipped = SpatialJitter.apply(E, S, 100, 100, 0, true, 3);
    assertTrue(clipped.size() < E.size());
    for (int i = 0; i < clipped.size(); i++) {
      assertTrue(clipped.x()[i] >= 0 && clipped.x()[i] < 128 && clipped.y()[i] >= 0 && clipped.y()[i] < 128);
    }
  }

  @Test
  void timeJitterHasTheGivenSpreadClipsAndSorts() {
    Events out = TimeJitter.apply(E, 50, false, false, 2);
    double sum = 0;
    double sq = 0;
    for (int i = 0; i < out.size(); i++) {
      double d = out.t()[i] - E.t()[i];
      sum += d;
      sq += d * d;
    }
    assertEquals(0, sum / out.size(), 1.0);
    assertEquals(50, Math.sqrt(sq / out.size()), 2.0);
    Events early = TestEvents.of(new int[] {1, 2}, new int[] {1, 2}, new long[] {0, 1}, new boolean[] {true, false});
    Events clipped = TimeJitter.apply(early, 1000, true, false, 9);
    for (long t : clipped.t()) {
      assertTrue(t >= 0);
    }
    assertSorted(TimeJitter.apply(E, 5000, true, true, 2).t());
  }

  @Test
  void uniformNoiseAddsNEventsInsideTheSensorAndTimeRangeSorted() {
    Events out = UniformNoise.apply(E, S, 5000, 4);
    assertEquals(E.size() + 5000, out.size());
    assertSorted(out.t());
    long lo = E.t()[0];
    long hi = E.t()[E.size() - 1];
    int on = 0;
    for (int i = 0; i < out.size(); i++) {
      assertTrue(out.x()[i] >= 0 && out.x()[i] < 128 && out.y()[i] >= 0 && out.y()[i] < 128);
      assertTrue(out.t()[i] >= lo && out.t()[i] <= hi);
      on += out.p()[i] ? 1 : 0;
    }
    assertEquals(out.size() / 2.0, on, out.size() * 0.02);
  }

  /** Like time_skew and downsample: a jittered time past int64 is an error (a cast saturated it to Long.MAX_VALUE). */
  @Test
  void timeJitterPastInt64Fails() {
    TransformException e = assertThrows(TransformException.class, () -> TimeJitter.apply(E, 1e300, true, false, 2));
    assertTrue(e.getMessage().startsWith("time_jitter: event 0 at t=" + E.t()[0] + " jittered with std=1.0E300 is "),
        e.getMessage());
    assertTrue(e.getMessage().endsWith(", outside the int64 timestamp range"), e.getMessage());
    assertEquals(E.size(), TimeJitter.apply(E, 1e6, false, false, 2).size()); // large but in range: all kept
  }

  /** A count whose columns would not fit the budget fails before the noise is drawn (it ran out of memory). */
  @Test
  void uniformNoiseBeyondTheOutputBudgetFails() {
    long n = OutputBudget.maxBytes() / (2 * OutputBudget.EVENT_BYTES);
    OutputTooLargeException e = assertThrows(OutputTooLargeException.class, () -> UniformNoise.apply(E, S, n, 4));
    assertTrue(e.getMessage().startsWith("uniform_noise: " + n + " noise events added to " + E.size()
        + " would take "), e.getMessage());
  }

  @Test
  void dropByTimeRemovesOneIntervalOfTheRatio() {
    Events out = DropEvent.byTime(E, 0.3, 8);
    int dropped = E.size() - out.size();
    assertEquals(0.3 * E.size(), dropped, E.size() * 0.02); // uniform times: the share of events is the ratio
    // the dropped events form one contiguous run in time
    int first = -1;
    int last = -1;
    int j = 0;
    for (int i = 0; i < E.size(); i++) {
      if (j < out.size() && out.t()[j] == E.t()[i] && out.x()[j] == E.x()[i]) {
        j++;
      } else {
        first = first < 0 ? i : first;
        last = i;
      }
    }
    assertEquals(dropped, last - first + 1);
  }

  @Test
  void dropByAreaRemovesOneBoxOfTheRatio() {
    Events out = DropEvent.byArea(E, S, 0.5, 8);
    double expectedShare = (64.0 * 64.0) / (128.0 * 128.0);
    assertEquals(expectedShare * E.size(), E.size() - out.size(), E.size() * 0.02);
  }

  private static void assertSorted(long[] t) {
    for (int i = 1; i < t.length; i++) {
      assertTrue(t[i - 1] <= t[i], "not sorted at " + i);
    }
  }
}
