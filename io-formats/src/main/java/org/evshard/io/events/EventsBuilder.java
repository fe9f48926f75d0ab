package org.evshard.io.events;

import java.util.Arrays;

/** Accumulates chunks into one {@link Events}, growing its columns geometrically. */
public final class EventsBuilder {

  private short[] x;
  private short[] y;
  private long[] t;
  private boolean[] p;
  private int size;

  public EventsBuilder() {
    this(1024);
  }

  public EventsBuilder(int initialCapacity) {
    int c = Math.max(16, initialCapacity);
    x = new short[c];
    y = new short[c];
    t = new long[c];
    p = new boolean[c];
  }

  public int size() {
    return size;
  }

  public EventsBuilder add(EventChunk chunk) {
    return add(chunk.x, chunk.y, chunk.t, chunk.p, 0, chunk.size());
  }

  public EventsBuilder add(Events events) {
    return add(events.x(), events.y(), events.t(), events.p(), 0, events.size());
  }

  public EventsBuilder add(short[] xs, short[] ys, long[] ts, boolean[] ps, int from, int length) {
    ensure(size + length);
    System.arraycopy(xs, from, x, size, length);
    System.arraycopy(ys, from, y, size, length);
    System.arraycopy(ts, from, t, size, length);
    System.arraycopy(ps, from, p, size, length);
    size += length;
    return this;
  }

  public EventsBuilder add(short xv, short yv, long tv, boolean pv) {
    ensure(size + 1);
    x[size] = xv;
    y[size] = yv;
    t[size] = tv;
    p[size] = pv;
    size++;
    return this;
  }

  private void ensure(long needed) {
    if (needed <= t.length) {
      return;
    }
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("more than " + (Integer.MAX_VALUE - 8) + " events in one sample");
    }
    int c = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, (long) t.length * 2));
    x = Arrays.copyOf(x, c);
    y = Arrays.copyOf(y, c);
    t = Arrays.copyOf(t, c);
    p = Arrays.copyOf(p, c);
  }

  /**
   * The events added so far, and the builder emptied: its columns are handed over when they are exactly full, else
   * copied once to their size. Cheaper than {@link #build} for a builder that is done.
   */
  public Events take() {
    Events e = size == t.length ? Events.wrap(x, y, t, p) : Events.copyOf(x, y, t, p, size);
    x = new short[16];
    y = new short[16];
    t = new long[16];
    p = new boolean[16];
    size = 0;
    return e;
  }

  /** The events added so far; the builder stays usable. */
  public Events build() {
    if (size == t.length) {
      Events e = Events.wrap(x, y, t, p);
      // the builder must not write into arrays it handed out
      x = x.clone();
      y = y.clone();
      t = t.clone();
      p = p.clone();
      return e;
    }
    return Events.copyOf(x, y, t, p, size);
  }
}
