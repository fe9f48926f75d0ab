package org.evshard.io.events;

/**
 * A reusable batch of events: fixed-capacity columns that a reader refills on every
 * {@code EventReader.nextChunk(chunk)} call (Arrow's {@code loadNextBatch} idiom). Only the first {@link #size()}
 * entries are valid. Not thread safe.
 */
public final class EventChunk {

  public final short[] x;
  public final short[] y;
  public final long[] t;
  public final boolean[] p;
  private int size;

  public EventChunk(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("chunk capacity must be positive, got " + capacity);
    }
    x = new short[capacity];
    y = new short[capacity];
    t = new long[capacity];
    p = new boolean[capacity];
  }

  public int capacity() {
    return t.length;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  public boolean isFull() {
    return size == t.length;
  }

  public void clear() {
    size = 0;
  }

  /** Sets how many leading entries are valid; used by readers after filling the columns. */
  public void setSize(int size) {
    if (size < 0 || size > t.length) {
      throw new IllegalArgumentException("chunk size " + size + " outside 0.." + t.length);
    }
    this.size = size;
  }

  /** Appends one event; the caller checks {@link #isFull()} first. */
  public void add(short xv, short yv, long tv, boolean pv) {
    int i = size++;
    x[i] = xv;
    y[i] = yv;
    t[i] = tv;
    p[i] = pv;
  }

  /**
   * The columns themselves as {@link Events}, without a copy: only for a full chunk that its owner will not fill
   * again (the events share its arrays).
   */
  public Events wrapFull() {
    if (size != x.length) {
      throw new IllegalStateException("only a full chunk can be wrapped: " + size + " of " + x.length + " events");
    }
    return Events.wrap(x, y, t, p);
  }

  /** A copy of the valid entries as an immutable {@link Events}. */
  public Events toEvents() {
    return Events.copyOf(x, y, t, p, size);
  }
}
