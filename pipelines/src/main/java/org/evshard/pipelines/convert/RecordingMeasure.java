package org.evshard.pipelines.convert;

import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.events.SensorGeometry;

/**
 * The first pass of streamed slicing: measures a recording chunk by chunk without keeping its events (count, first and
 * last timestamp, extent of x and y) and remembers the first event out of time order and the first event outside the
 * sensor the reader stated when it opened (or, without one, the first with a negative coordinate), each with the byte
 * offset where the chunk holding it ended.
 */
final class RecordingMeasure {

  private final String source;
  private final SensorGeometry stated;
  private long count;
  private long tFirst;
  private long tLast;
  private int minX = Integer.MAX_VALUE;
  private int minY = Integer.MAX_VALUE;
  private int maxX = -1;
  private int maxY = -1;
  private EvshardIoException disorder;
  private EvshardIoException outside;

  /** {@code stated}: the geometry the reader knows before reading any event; null when it does not. */
  RecordingMeasure(String source, SensorGeometry stated) {
    this.source = source;
    this.stated = stated;
  }

  /** The next {@code n} events; {@code offset} is the reader's byte position after them. */
  void add(short[] x, short[] y, long[] t, int n, long offset) {
    if (n == 0) {
      return;
    }
    if (count == 0) {
      tFirst = t[0];
      tLast = t[0];
    }
    long previous = tLast;
    int lx = minX;
    int ly = minY;
    int mx = maxX;
    int my = maxY;
    for (int i = 0; i < n; i++) {
      long ti = t[i];
      if (ti < previous && disorder == null) {
        disorder = new EvshardIoException(source, offset, "streamed slicing needs time-ordered events: expected "
            + "event " + (count + i) + " at t >= " + previous + ", found t = " + ti);
      }
      previous = ti;
      int xi = x[i];
      int yi = y[i];
      lx = Math.min(lx, xi);
      ly = Math.min(ly, yi);
      mx = Math.max(mx, xi);
      my = Math.max(my, yi);
      boolean inside = stated != null ? stated.contains(xi, yi) : xi >= 0 && yi >= 0;
      if (!inside && outside == null) {
        outside = new CorruptInputException(source, offset, "event " + (count + i) + " at (x=" + xi + ", y=" + yi
            + ") lies outside the " + (stated != null ? stated + " sensor" : "sensor (a negative coordinate)"));
      }
    }
    minX = lx;
    minY = ly;
    maxX = mx;
    maxY = my;
    tLast = previous;
    count += n;
  }

  /** Fails when an event came before its predecessor: a streamed recording cannot be sliced then. */
  void requireTimeOrder() {
    if (disorder != null) {
      throw disorder;
    }
  }

  long count() {
    return count;
  }

  /**
   * The totals, once every event was added: the sensor is {@code geometry} (the reader's after the last event), else
   * the events' extent; every event must lie inside it, as {@link SampleChecks#requireInside} requires of a held
   * sample.
   */
  RecordingTotals finish(SensorGeometry geometry) {
    requireTimeOrder();
    SensorGeometry g = geometry;
    if (g == null) {
      if (count == 0) {
        throw new EvshardIoException(source, -1, "no events and no sensor geometry: cannot size the sample");
      }
      g = new SensorGeometry(maxX + 1, maxY + 1);
    }
    if (count > 0 && (minX < 0 || minY < 0 || maxX >= g.width() || maxY >= g.height())) {
      boolean sameSensor = stated != null ? stated.equals(g) : geometry == null;
      if (outside != null && sameSensor) {
        throw outside; // the first event outside g, where it was read
      }
      // the reader learnt its geometry only while reading: no offset to name
      throw new CorruptInputException(source, -1, "events span x " + minX + ".." + maxX + ", y " + minY + ".." + maxY
          + ", outside the " + g + " sensor");
    }
    return new RecordingTotals(count, tFirst, tLast, g);
  }
}
