package org.evshard.transforms.stats;

import org.evshard.io.events.Events;

/**
 * The smallest and largest x and y of a recording: what sizes a sample whose sensor is only known from its data
 * (N-Caltech101) and what checks every event against a known sensor, without the other
 * {@link EventStatistics} passes (polarity count, time range, order).
 *
 * @param minX smallest x, -1 when empty
 * @param minY smallest y, -1 when empty
 * @param maxX largest x, -1 when empty
 * @param maxY largest y, -1 when empty
 */
public record EventExtent(int minX, int minY, int maxX, int maxY) {

  public static final EventExtent EMPTY = new EventExtent(-1, -1, -1, -1);

  /** Computes the extent of {@code events}, one loop per column; the columns are only read. */
  public static EventExtent of(Events events) {
    int n = events.size();
    if (n == 0) {
      return EMPTY;
    }
    short[] x = events.x();
    short[] y = events.y();
    int minX = x[0];
    int maxX = x[0];
    for (int i = 1; i < n; i++) {
      minX = Math.min(minX, x[i]);
      maxX = Math.max(maxX, x[i]);
    }
    int minY = y[0];
    int maxY = y[0];
    for (int i = 1; i < n; i++) {
      minY = Math.min(minY, y[i]);
      maxY = Math.max(maxY, y[i]);
    }
    return new EventExtent(minX, minY, maxX, maxY);
  }

  /** Width of the smallest sensor holding every event: max x + 1 (0 when empty). */
  public int width() {
    return maxX + 1;
  }

  /** Height of the smallest sensor holding every event: max y + 1 (0 when empty). */
  public int height() {
    return maxY + 1;
  }
}
