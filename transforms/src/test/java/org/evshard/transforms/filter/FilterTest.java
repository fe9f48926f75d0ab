package org.evshard.transforms.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.TestEvents;
import org.evshard.transforms.TransformException;
import org.junit.jupiter.api.Test;

/** Hand-computed cases of the deterministic filters. */
class FilterTest {

  private static final SensorSize S = new SensorSize(10, 8, 2);
  private static final Events E = TestEvents.of(new int[] {0, 9, 3, 5, 5}, new int[] {0, 7, 2, 4, 4},
      new long[] {100, 200, 300, 400, 2500}, new boolean[] {true, false, true, false, true});

  @Test
  void denoiseAndRefractoryMatchTonicLoopsOnRandomEvents() {
    // pass rates from none to all, lengths around the 64-event mask words, the last event kept or dropped
    for (int n : new int[] {1, 63, 64, 65, 1000, 5000}) {
      Events e = TestEvents.random(n, new SensorSize(13, 9, 2), 20_000, n);
      for (double ft : new double[] {0, 0.5, 100, 1000, 1e6}) {
        assertEvents(e, naiveDenoise(e, ft), Denoise.apply(e, ft), "denoise n=" + n + " ft=" + ft);
        assertEvents(e, naiveRefractory(e, ft), RefractoryPeriod.apply(e, ft), "refractory n=" + n + " rp=" + ft);
      }
    }
  }

  @Test
  void denoiseMatchesTonicOnUnorderedNegativeAndDegenerateInputs() {
    Events sorted = TestEvents.random(3000, new SensorSize(13, 9, 2), 20_000, 7);
    int n = sorted.size();
    // out of order: the ordered loop must hand over to Tonic's loop (a late step back and a shuffle)
    long[] lateStep = sorted.t().clone();
    lateStep[n - 10] = lateStep[n - 11] - 1;
    long[] shuffled = sorted.t().clone();
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      long v = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = v;
    }
    // negative times (ordered): never-fired neighbours hold filter_time, above every written value
    long[] negative = sorted.t().clone();
    for (int i = 0; i < n; i++) {
      negative[i] -= 10_000;
    }
    // beyond 2^53, where t + filter_time rounds
    long[] huge = sorted.t().clone();
    for (int i = 0; i < n; i++) {
      huge[i] += 1L << 53;
    }
    short[] zeros = new short[n];
    short[] column = sorted.y();
    for (long[] t : new long[][] {lateStep, shuffled, negative, huge}) {
      Events e = Events.wrap(sorted.x(), sorted.y(), t, sorted.p());
      for (double ft : new double[] {0, 3, 100, 1e6}) {
        assertEvents(e, naiveDenoise(e, ft), Denoise.apply(e, ft), "denoise t[0]=" + t[0] + " ft=" + ft);
      }
    }
    // a single pixel (no neighbour at all) and a one-pixel-wide column
    for (Events e : new Events[] {Events.wrap(zeros, zeros, sorted.t(), sorted.p()),
        Events.wrap(zeros, column, sorted.t(), sorted.p())}) {
      for (double ft : new double[] {0, 100, 1e6}) {
        assertEvents(e, naiveDenoise(e, ft), Denoise.apply(e, ft), "denoise degenerate ft=" + ft);
      }
    }
    assertEquals(0, Denoise.apply(Events.wrap(zeros, zeros, sorted.t(), sorted.p()), 1e6).size());
  }

  @Test
  void denoiseLoopsAgreeAndTheOrderedOneRefusesAStepBack() {
    Events e = TestEvents.random(5000, new SensorSize(40, 30, 2), 50_000, 11);
    long[] reads = new long[(e.size() + 63) >>> 6];
    long[] writes = new long[reads.length];
    int keptByReads = Denoise.byNeighbourReads(e, 500, 40, 30, reads);
    assertEquals(keptByReads, Denoise.byNeighbourWrites(e, 500, 40, 30, writes));
    assertArrayEquals(reads, writes);
    long[] ints = new long[reads.length];
    assertEquals(keptByReads, Denoise.byNeighbourWritesInt(e, 500, 40, 30, ints));
    assertArrayEquals(reads, ints);
    long[] t = e.t().clone();
    t[4000] = t[3999] - 1;
    assertEquals(-1, Denoise.byNeighbourWrites(Events.wrap(e.x(), e.y(), t, e.p()), 500, 40, 30, writes));
    assertEquals(-1, Denoise.byNeighbourWritesInt(Events.wrap(e.x(), e.y(), t, e.p()), 500, 40, 30, ints));
  }

  @Test
  void refractoryPeriodOnBothSidesOfTheIntRange() {
    // timestamps that fit an int take the int loop; one past 2^31 - 1 (or below -2^31) sends the recording to the
    // float64 loop, whose decisions a wrapped int would get wrong (the second event of a pixel 15 us after its first
    // is kept with refractory_period 10, and with 10.5)
    for (long first : new long[] {Integer.MAX_VALUE - 15L, Integer.MAX_VALUE - 10L, Integer.MIN_VALUE,
        Integer.MIN_VALUE - 5L}) {
      Events e = TestEvents.of(new int[] {3, 3, 4}, new int[] {1, 1, 1}, new long[] {first, first + 15, first + 15},
          new boolean[] {true, false, true});
      for (double rp : new double[] {10, 10.5, 15, 0}) {
        boolean[] want = naiveRefractory(e, rp);
        assertEquals(rp < 15, want[1], "first " + first + ", rp " + rp);
        assertEvents(e, want, RefractoryPeriod.apply(e, rp), "refractory, first t " + first + ", rp " + rp);
      }
    }
  }

  @Test
  void denoiseAtTheIntLimitOfTimePlusFilterTime() {
    // the int loop takes recordings whose t + filter_time stays below 2^31; two neighbours firing at the last
    // timestamp see each other only if that sum is stored without wrapping: at the limit (int loop) and one past it
    // (float64 loop), the second event is kept, as in Tonic's loop
    for (long last : new long[] {Integer.MAX_VALUE - 100L, Integer.MAX_VALUE - 99L}) {
      Events e = TestEvents.of(new int[] {0, 1, 2}, new int[] {0, 0, 0}, new long[] {last - 5000, last, last},
          new boolean[] {true, true, true});
      boolean[] want = naiveDenoise(e, 100);
      assertArrayEquals(new boolean[] {false, false, true}, want);
      assertEvents(e, want, Denoise.apply(e, 100), "denoise, last t " + last);
    }
  }

  @Test
  void aNegativePixelAddressIsRefusedWithTheEventIndex() {
    Events e = TestEvents.of(new int[] {0, 1, -2}, new int[] {0, 1, 1}, new long[] {1, 2, 3},
        new boolean[] {true, true, true});
    TransformException error = assertThrows(TransformException.class, () -> Denoise.apply(e, 10));
    assertEquals("denoise: event 2 has a negative pixel address (x=-2, y=1)", error.getMessage());
    Events negativeY =
        TestEvents.of(new int[] {0, 1}, new int[] {1, -1}, new long[] {1, 2}, new boolean[] {true, true});
    error = assertThrows(TransformException.class, () -> RefractoryPeriod.apply(negativeY, 10));
    assertEquals("refractory_period: event 1 has a negative pixel address (x=1, y=-1)", error.getMessage());
  }

  @Test
  void timeSkewTruncatesTowardZeroAsNumpysCastDoes() {
    Events e = TestEvents.of(new int[] {0, 1, 2, 3}, new int[] {0, 1, 2, 3}, new long[] {0, 10, 25, -7},
        new boolean[] {true, false, true, false});
    // 3.7, 18.7, 41.2, -6.8 -> 3, 18, 41, -6
    assertArrayEquals(new long[] {3, 18, 41, -6}, TimeSkew.apply(e, 1.5, 3.7).t());
    assertArrayEquals(e.x(), TimeSkew.apply(e, 1.5, 3.7).x());
    assertArrayEquals(e.p(), TimeSkew.apply(e, 1.5, 3.7).p());
    // float64 as numpy: beyond 2^53 the product rounds first
    long big = (1L << 53) + 1;
    Events b = TestEvents.of(new int[] {0}, new int[] {0}, new long[] {big}, new boolean[] {true});
    assertEquals((long) ((double) big * 0.9 + 100.0), TimeSkew.apply(b, 0.9, 100).t()[0]);
    Events huge = TestEvents.of(new int[] {0, 0}, new int[] {0, 0}, new long[] {1, 1L << 62},
        new boolean[] {true, true});
    TransformException out = assertThrows(TransformException.class, () -> TimeSkew.apply(huge, 4, 0));
    assertEquals("time_skew: event 1 at t=4611686018427387904 maps to 1.8446744073709552E19, outside the int64 "
        + "timestamp range", out.getMessage());
    assertThrows(TransformException.class, () -> TimeSkew.apply(e, Double.NaN, 0));
    assertThrows(TransformException.class, () -> TimeSkew.apply(e, 1, Double.POSITIVE_INFINITY));
  }

  @Test
  void timeReversalMirrorsTimeReversesOrderAndSwapsPolarity() {
    Events e = TestEvents.of(new int[] {1, 3, 5}, new int[] {2, 4, 6}, new long[] {10, 15, 40},
        new boolean[] {true, false, true});
    Events r = TimeReversal.apply(e, true);
    assertArrayEquals(new short[] {5, 3, 1}, r.x());
    assertArrayEquals(new short[] {6, 4, 2}, r.y());
    assertArrayEquals(new long[] {0, 25, 30}, r.t());
    assertArrayEquals(new boolean[] {false, true, false}, r.p());
    assertArrayEquals(new boolean[] {true, false, true}, TimeReversal.apply(e, false).p());
    // twice is the identity up to the time origin: t'' = t - min(t)
    Events twice = TimeReversal.apply(r, true);
    assertArrayEquals(e.x(), twice.x());
    assertArrayEquals(new long[] {0, 5, 30}, twice.t());
    assertArrayEquals(e.p(), twice.p());
    Events span = TestEvents.of(new int[] {0, 0}, new int[] {0, 0}, new long[] {Long.MIN_VALUE, 1},
        new boolean[] {true, true});
    assertThrows(TransformException.class, () -> TimeReversal.apply(span, true));
  }

  /** Tonic's denoise loop: float64 memory per pixel within the events' extent, initialised to filter_time. */
  private static boolean[] naiveDenoise(Events e, double ft) {
    int w = 0;
    int h = 0;
    for (int i = 0; i < e.size(); i++) {
      w = Math.max(w, e.x()[i] + 1);
      h = Math.max(h, e.y()[i] + 1);
    }
    double[][] m = new double[w][h];
    for (double[] col : m) {
      java.util.Arrays.fill(col, ft);
    }
    boolean[] keep = new boolean[e.size()];
    for (int i = 0; i < e.size(); i++) {
      int x = e.x()[i];
      int y = e.y()[i];
      double t = e.t()[i];
      m[x][y] = t + ft;
      keep[i] = x > 0 && m[x - 1][y] > t || x < w - 1 && m[x + 1][y] > t || y > 0 && m[x][y - 1] > t
          || y < h - 1 && m[x][y + 1] > t;
    }
    return keep;
  }

  /** Tonic's refractory loop: float64 last time per pixel, initialised to -refractory_period. */
  private static boolean[] naiveRefractory(Events e, double rp) {
    double[][] m = new double[32768][];
    boolean[] keep = new boolean[e.size()];
    for (int i = 0; i < e.size(); i++) {
      int x = e.x()[i];
      if (m[x] == null) {
        m[x] = new double[32768];
        java.util.Arrays.fill(m[x], -rp);
      }
      double t = e.t()[i];
      keep[i] = t - m[x][e.y()[i]] > rp;
      m[x][e.y()[i]] = t;
    }
    return keep;
  }

  private static void assertEvents(Events e, boolean[] keep, Events got, String what) {
    int k = 0;
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        assertEquals(e.x()[i], got.x()[k], what);
        assertEquals(e.y()[i], got.y()[k], what);
        assertEquals(e.t()[i], got.t()[k], what);
        assertEquals(e.p()[i], got.p()[k], what);
        k++;
      }
    }
    assertEquals(k, got.size(), what);
  }

  @Test
  void crop() {
    Events out = Crop.apply(E, 3, 2, 3, 3);
    assertArrayEquals(new short[] {0, 2, 2}, out.x());
    assertArrayEquals(new short[] {0, 2, 2}, out.y());
    assertArrayEquals(new long[] {300, 400, 2500}, out.t());
  }

  @Test
  void centerCropCropsOrPads() {
    Events out = Crop.center(E, S, 4, 4); // offsets (3, 2)
    assertArrayEquals(new short[] {0, 2, 2}, out.x());
    assertArrayEquals(new short[] {0, 2, 2}, out.y());
    Events padded = Crop.center(E, S, 12, 8); // offset x = -1: every event kept, moved right by one
    assertArrayEquals(new short[] {1, 10, 4, 6, 6}, padded.x());
    assertArrayEquals(E.y(), padded.y());
  }

  @Test
  void flips() {
    assertArrayEquals(new short[] {9, 0, 6, 4, 4}, Flip.lr(E, S).x());
    assertArrayEquals(new short[] {7, 0, 5, 3, 3}, Flip.ud(E, S).y());
    assertArrayEquals(new boolean[] {false, true, false, true, false}, Flip.polarity(E).p());
  }

  @Test
  void downsampleTruncates() {
    Events out = Downsample.apply(E, 0.5, 0.001);
    assertArrayEquals(new short[] {0, 4, 1, 2, 2}, out.x());
    assertArrayEquals(new short[] {0, 3, 1, 2, 2}, out.y());
    assertArrayEquals(new long[] {0, 0, 0, 0, 2}, out.t());
    assertEquals(new SensorSize(5, 4, 2), Downsample.sensorAfter(S, 0.5));
  }

  /** Like time_skew: a time past int64 is an error (a cast saturated it silently before) and so is a sensor past 32768. */
  @Test
  void downsampleOutOfRange() {
    Events late = TestEvents.single(1, 1, 1L << 62, true);
    TransformException t = assertThrows(TransformException.class, () -> Downsample.apply(late, 1, 2));
    assertTrue(t.getMessage().contains("downsample: event 0 at t=4611686018427387904 times time_factor=2.0 is "
        + "9.223372036854776E18, outside the int64 timestamp range"), t.getMessage());
    assertEquals(Long.MAX_VALUE - 1023, Downsample.apply(late, 1, 1.9999999999999998).t()[0]); // just below 2^63
    TransformException side = assertThrows(TransformException.class, () -> Downsample.sensorAfter(S, 4000));
    assertTrue(side.getMessage().contains("downsample: the output sensor would be 36001x28001 pixels; each side "
        + "must be 1..32768"), side.getMessage());
    assertTrue(assertThrows(TransformException.class, () -> Downsample.sensorAfter(S, 1e300)).getMessage()
        .contains("would be " + Math.floor(9 * 1e300) + "x")); // as a double, not clamped
    assertEquals(new SensorSize(32768, 32768, 2), Downsample.sensorAfter(new SensorSize(2, 2, 2), 32767));
  }

  @Test
  void downsampleToATargetSizeScalesEachAxisByTargetOverSensor() {
    // 10 x 8 to 5 x 3: factors 0.5 and 0.375; y 7 -> 2.625 -> 2, 2 -> 0.75 -> 0, 4 -> 1.5 -> 1
    Events out = Downsample.toSize(E, S, 5, 3, 1.0);
    assertArrayEquals(new short[] {0, 4, 1, 2, 2}, out.x());
    assertArrayEquals(new short[] {0, 2, 0, 1, 1}, out.y());
    assertArrayEquals(E.t(), out.t());
    org.evshard.transforms.spec.ChainResult r = org.evshard.transforms.spec.TransformChain
        .parse(java.util.List.of("downsample(target_size=(5, 3), time_factor=0.001)")).apply(E, S);
    assertEquals(out.y()[1], r.events().y()[1]);
    assertArrayEquals(new long[] {0, 0, 0, 0, 2}, r.events().t());
    assertEquals(new SensorSize(5, 3, 2), r.sensor());
    assertThrows(TransformException.class, () -> org.evshard.transforms.spec.TransformChain
        .parse(java.util.List.of("downsample(spatial_factor=0.5, target_size=(5, 3))")));
    assertThrows(TransformException.class, () -> org.evshard.transforms.spec.TransformChain
        .parse(java.util.List.of("downsample(target_size=(5, 3, 2))")));
  }

  @Test
  void mergeAlignCropTime() {
    assertArrayEquals(new boolean[5], MergePolarities.apply(E).p());
    assertArrayEquals(new long[] {0, 100, 200, 300, 2400}, TimeAlign.apply(E).t());
    assertArrayEquals(new long[] {200, 300, 400}, CropTime.apply(E, 200, 400).t());
  }

  @Test
  void dropPixelsAndHotPixels() {
    assertArrayEquals(new long[] {100, 200, 300}, DropPixels.apply(E, new int[][] {{5, 4}}).t());
    // 2400 us recording: 500 Hz allows 1.2 events per pixel, so only (5, 4) with two events is hot
    assertArrayEquals(new int[] {5, 4}, DropPixels.hotPixels(E, S, 500)[0]);
    assertEquals(3, DropPixels.dropHotPixels(E, S, 500).size());
  }

  @Test
  void refractoryAndDecimateAndDenoise() {
    // (5,4) fires at 400 and 2500: kept both with a 2000 us period, only the first with 2200
    assertEquals(5, RefractoryPeriod.apply(E, 2000).size());
    assertEquals(4, RefractoryPeriod.apply(E, 2200).size());
    assertArrayEquals(new long[] {2500}, Decimate.apply(E, 2).t());
    Events pair = TestEvents.of(new int[] {3, 4, 8}, new int[] {3, 3, 1}, new long[] {20_000, 20_500, 21_000},
        new boolean[] {true, true, true});
    // the second event has its left neighbour 500 us before; the others have no recent neighbour
    assertArrayEquals(new long[] {20_500}, Denoise.apply(pair, 1000).t());
  }
}
