package org.evshard.transforms.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventExtentTest {

  @Test
  void anEmptyRecordingHasNoExtent() {
    assertEquals(new EventExtent(-1, -1, -1, -1), EventExtent.of(Events.empty()));
    assertEquals(0, EventExtent.of(Events.empty()).width());
    assertEquals(0, EventExtent.of(Events.empty()).height());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 17, 1000})
  void matchesANaiveScanAndTheStatistics(int n) {
    SplittableRandom r = new SplittableRandom(n);
    short[] x = new short[n];
    short[] y = new short[n];
    int minX = Integer.MAX_VALUE;
    int minY = Integer.MAX_VALUE;
    int maxX = Integer.MIN_VALUE;
    int maxY = Integer.MIN_VALUE;
    for (int i = 0; i < n; i++) {
      x[i] = (short) r.nextInt(-5, 240); // negative coordinates too: the extent is what a sensor check reads
      y[i] = (short) r.nextInt(-5, 180);
      minX = Math.min(minX, x[i]);
      minY = Math.min(minY, y[i]);
      maxX = Math.max(maxX, x[i]);
      maxY = Math.max(maxY, y[i]);
    }
    short[] xCopy = x.clone();
    short[] yCopy = y.clone();
    Events e = Events.wrap(x, y, new long[n], new boolean[n]);
    EventExtent extent = EventExtent.of(e);
    assertEquals(new EventExtent(minX, minY, maxX, maxY), extent);
    assertEquals(maxX + 1, extent.width());
    assertEquals(maxY + 1, extent.height());
    EventStatistics s = EventStatistics.of(e);
    assertEquals(extent, new EventExtent(s.minX(), s.minY(), s.maxX(), s.maxY()));
    assertArrayEquals(xCopy, x, "x column was modified");
    assertArrayEquals(yCopy, y, "y column was modified");
  }
}
