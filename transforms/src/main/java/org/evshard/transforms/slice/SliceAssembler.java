package org.evshard.transforms.slice;

import java.util.Arrays;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;

/**
 * Cuts a time-ordered recording that arrives in chunks into the slices of {@link SliceBounds}, holding only the events
 * that an open or not yet taken slice still needs: memory is bounded by the span of the open slices (overlapping slices
 * share their events) plus one chunk. Feed the events with {@link #add}, take each completed slice with {@link #poll}
 * (slices complete in slice order, so the caller numbers them from 0), and after the last event call {@link #finish},
 * which completes the slices that run to the end of the recording and the empty ones after it. The result equals
 * {@code events.slice(clampedStart(i), clampedStop(i))} of {@link Slicer} on the whole recording, slice by slice.
 * The input columns are only read.
 */
public final class SliceAssembler {

  private final SliceBounds bounds;
  // held events: global indices [base + lo, base + hi) at local positions [lo, hi)
  private short[] x = new short[0];
  private short[] y = new short[0];
  private long[] t = new long[0];
  private boolean[] p = new boolean[0];
  private long base;
  private int lo;
  private int hi;
  private long next; // global index of the next event to arrive
  // slices [taken, closed) are complete, [closed, opened) open; their global start (and stop) indices
  private int opened;
  private int closed;
  private int taken;
  private long[] starts = new long[16]; // by slice - shifted
  private long[] stops = new long[16];
  private int shifted; // the slice of starts[0] and stops[0]
  private boolean finished;

  public SliceAssembler(SliceBounds bounds) {
    this.bounds = bounds;
  }

  /** Adds the next chunk. */
  public void add(EventChunk chunk) {
    add(chunk.x, chunk.y, chunk.t, chunk.p, chunk.size());
  }

  /** Adds the next {@code n} events (time-ordered, none before the previous chunk's last). */
  public void add(short[] xs, short[] ys, long[] ts, boolean[] ps, int n) {
    if (finished) {
      throw new IllegalStateException("events added after finish()");
    }
    int pos = 0;
    while (true) {
      int start = opened < bounds.count() ? bounds.startIn(opened, next, ts, pos, n) : n;
      int stop = closed < opened ? bounds.stopIn(closed, next, ts, pos, n) : n;
      if (start < n && start <= stop) {
        setStart(opened++, next + start);
        pos = start;
      } else if (stop < n) {
        setStop(closed++, next + stop);
        pos = stop;
      } else {
        break;
      }
    }
    long needFrom = taken < opened ? startOf(taken) : next + n;
    drop(needFrom);
    int from = (int) Math.max(0, needFrom - next);
    append(xs, ys, ts, ps, from, n - from);
    next += n;
  }

  /** After the last event: completes every slice still open and the ones starting after the recording (empty). */
  public void finish() {
    finished = true;
    while (opened < bounds.count()) {
      setStart(opened++, next);
    }
    while (closed < opened) {
      setStop(closed++, next);
    }
  }

  /** The next completed slice (in slice order), copied; null when none is complete yet. */
  public Events poll() {
    if (taken == closed) {
      return null;
    }
    int from = (int) (startOf(taken) - base);
    int to = (int) (stopOf(taken) - base);
    Events e = Events.wrap(Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to),
        Arrays.copyOfRange(t, from, to), Arrays.copyOfRange(p, from, to));
    taken++;
    if (taken - shifted >= 1024) {
      shiftSlices();
    }
    return e;
  }

  /** Events of the largest open slice so far (the oldest one); 0 when none is open. */
  public long openSliceEvents() {
    return closed < opened ? next - startOf(closed) : 0;
  }

  /** The oldest open slice, the one {@link #openSliceEvents} measures; -1 when none is open. */
  public int openSlice() {
    return closed < opened ? closed : -1;
  }

  /** Events held now (open slices and completed ones not yet taken). */
  public long heldEvents() {
    return hi - lo;
  }

  /** Events added so far. */
  public long eventsSeen() {
    return next;
  }

  /** Slices taken with {@link #poll} so far. */
  public int taken() {
    return taken;
  }

  private long startOf(int slice) {
    return starts[slice - shifted];
  }

  private long stopOf(int slice) {
    return stops[slice - shifted];
  }

  private void setStart(int slice, long index) {
    starts = fit(starts, slice - shifted);
    starts[slice - shifted] = index;
  }

  private void setStop(int slice, long index) {
    stops = fit(stops, slice - shifted);
    stops[slice - shifted] = index;
  }

  private long[] fit(long[] a, int i) {
    return i < a.length ? a : Arrays.copyOf(a, Math.max(2 * a.length, i + 1));
  }

  /** Forgets the bounds of taken slices. */
  private void shiftSlices() {
    int by = taken - shifted;
    System.arraycopy(starts, by, starts, 0, opened - taken);
    System.arraycopy(stops, by, stops, 0, closed - taken);
    shifted = taken;
  }

  /** Forgets the held events before global index {@code index}. */
  private void drop(long index) {
    long upTo = Math.min(index, base + hi);
    if (upTo > base + lo) {
      lo = (int) (upTo - base);
    }
    if (lo == hi) {
      base = index;
      lo = 0;
      hi = 0;
    }
  }

  private void append(short[] xs, short[] ys, long[] ts, boolean[] ps, int from, int n) {
    if (n <= 0) {
      return;
    }
    if (hi + n > t.length) {
      int live = hi - lo;
      if (lo > 0) { // move the live events to the front
        System.arraycopy(x, lo, x, 0, live);
        System.arraycopy(y, lo, y, 0, live);
        System.arraycopy(t, lo, t, 0, live);
        System.arraycopy(p, lo, p, 0, live);
        base += lo;
        lo = 0;
        hi = live;
      }
      if (live + n > t.length / 2) { // grow so that the next move is at least half a buffer away
        long capacity = Math.max(2L * (live + n), 1024);
        if (capacity > Integer.MAX_VALUE - 8) {
          capacity = Integer.MAX_VALUE - 8;
          if (live + n > capacity) {
            throw new IllegalStateException("more than " + capacity + " events held for open slices");
          }
        }
        x = Arrays.copyOf(x, (int) capacity);
        y = Arrays.copyOf(y, (int) capacity);
        t = Arrays.copyOf(t, (int) capacity);
        p = Arrays.copyOf(p, (int) capacity);
      }
    }
    System.arraycopy(xs, from, x, hi, n);
    System.arraycopy(ys, from, y, hi, n);
    System.arraycopy(ts, from, t, hi, n);
    System.arraycopy(ps, from, p, hi, n);
    hi += n;
  }
}
