package org.evshard.transforms.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventStatisticsTest {

  @Test
  void emptyRecordingHasZeroExtentAndRate() {
    EventStatistics s = EventStatistics.of(Events.empty());
    assertEquals(0, s.count());
    assertEquals(0, s.extentWidth());
    assertEquals(0.0, s.eventRate());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 17, 1000})
  void matchesANaiveRecount(int n) {
    SplittableRandom r = new SplittableRandom(n);
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    long on = 0;
    int maxX = -1;
    int maxY = -1;
    long tMin = Long.MAX_VALUE;
    long tMax = Long.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      x[i] = (short) r.nextInt(240);
      y[i] = (short) r.nextInt(180);
      t[i] = r.nextLong(1_000_000);
      p[i] = r.nextBoolean();
      on += p[i] ? 1 : 0;
      maxX = Math.max(maxX, x[i]);
      maxY = Math.max(maxY, y[i]);
      tMin = Math.min(tMin, t[i]);
      tMax = Math.max(tMax, t[i]);
    }
    short[] xCopy = x.clone();
    EventStatistics s = EventStatistics.of(Events.wrap(x, y, t, p));
    assertEquals(n, s.count());
    assertEquals(on, s.on());
    assertEquals(n - on, s.off());
    assertEquals(maxX + 1, s.extentWidth());
    assertEquals(maxY + 1, s.extentHeight());
    assertEquals(tMax - tMin, s.durationMicros());
    assertEquals(t[0], s.tFirst());
    assertEquals(t[n - 1], s.tLast());
    assertTrue(java.util.Arrays.equals(xCopy, x), "input column was modified");
  }

  @Test
  void detectsNonMonotonicTime() {
    Events e = Events.wrap(new short[] {0, 0}, new short[] {0, 0}, new long[] {5, 3}, new boolean[] {true, false});
    assertFalse(EventStatistics.of(e).monotonic());
    assertEquals(1.0, EventStatistics.of(e).onOffRatio());
    assertEquals(2 * 1e6 / 2, EventStatistics.of(e).eventRate());
  }

  /** t from -9e18 to 9e18: inspect printed "duration -446744073709.551640 s" (the span overflowed int64). */
  @Test
  void aSpanPastInt64IsAPositiveDurationNotAnOverflow() {
    long lo = -9_000_000_000_000_000_000L;
    long hi = 9_000_000_000_000_000_000L;
    EventStatistics s = EventStatistics.of(Events.wrap(new short[] {0, 0}, new short[] {0, 0}, new long[] {lo, hi},
        new boolean[] {true, false}));
    assertEquals(Long.MAX_VALUE, s.durationMicros());
    assertEquals(1.8e13, s.durationSeconds(), 1e-3);
    assertTrue(s.eventRate() > 0);
  }
}
