package org.evshard.pipelines.cli;

import org.evshard.io.events.EventChunk;
import org.evshard.transforms.stats.EventStatistics;

/**
 * {@link EventStatistics} accumulated chunk by chunk, so that {@code evshard inspect} makes one pass over a recording
 * of any length in bounded memory.
 */
final class StreamingStatistics implements java.io.Serializable {

  private static final long serialVersionUID = 1L;

  private long count;
  private long on;
  private long tFirst;
  private long tLast;
  private long tMin = Long.MAX_VALUE;
  private long tMax = Long.MIN_VALUE;
  private int minX = Integer.MAX_VALUE;
  private int minY = Integer.MAX_VALUE;
  private int maxX = Integer.MIN_VALUE; // not -1: events may all have negative coordinates
  private int maxY = Integer.MIN_VALUE;
  private boolean monotonic = true;

  void add(EventChunk c) {
    int n = c.size();
    if (n == 0) {
      return;
    }
    short[] x = c.x;
    short[] y = c.y;
    long[] t = c.t;
    boolean[] p = c.p;
    long onHere = 0;
    long lo = tMin;
    long hi = tMax;
    int x0 = minX;
    int x1 = maxX;
    int y0 = minY;
    int y1 = maxY;
    boolean mono = monotonic;
    long prev = count == 0 ? t[0] : tLast;
    for (int i = 0; i < n; i++) {
      if (p[i]) {
        onHere++;
      }
      long ti = t[i];
      if (ti < prev) {
        mono = false;
      }
      prev = ti;
      lo = Math.min(lo, ti);
      hi = Math.max(hi, ti);
      int xi = x[i];
      int yi = y[i];
      x0 = Math.min(x0, xi);
      x1 = Math.max(x1, xi);
      y0 = Math.min(y0, yi);
      y1 = Math.max(y1, yi);
    }
    if (count == 0) {
      tFirst = t[0];
    }
    tLast = t[n - 1];
    count += n;
    on += onHere;
    tMin = lo;
    tMax = hi;
    minX = x0;
    maxX = x1;
    minY = y0;
    maxY = y1;
    monotonic = mono;
  }

  /**
   * Adds the statistics of the events that follow this one's in the recording (the next split of a parallel pass):
   * the same result as adding their chunks here, in order.
   */
  void merge(StreamingStatistics next) {
    if (next.count == 0) {
      return;
    }
    if (count == 0) {
      tFirst = next.tFirst;
    } else if (next.tFirst < tLast) {
      monotonic = false;
    }
    monotonic &= next.monotonic;
    tLast = next.tLast;
    count += next.count;
    on += next.on;
    tMin = Math.min(tMin, next.tMin);
    tMax = Math.max(tMax, next.tMax);
    minX = Math.min(minX, next.minX);
    maxX = Math.max(maxX, next.maxX);
    minY = Math.min(minY, next.minY);
    maxY = Math.max(maxY, next.maxY);
  }

  EventStatistics result() {
    if (count == 0) {
      return EventStatistics.EMPTY;
    }
    return new EventStatistics(count, on, tFirst, tLast, tMin, tMax, minX, minY, maxX, maxY, monotonic);
  }
}
