package org.evshard.transforms.slice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A recording fed to {@link SliceAssembler} in chunks of random sizes gives, slice by slice, the events that
 * {@link Slicer} cuts from the held recording; the input columns are not written to; and without overlap it holds no
 * more than one slice and one chunk.
 */
class SliceAssemblerTest {

  static List<SlicerCases.Case> cases() {
    return SlicerCases.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void chunkedSlicesEqualTheSlicesOfTheHeldRecording(SlicerCases.Case c) {
    SplittableRandom r = new SplittableRandom(c.name().hashCode());
    int k = 0;
    for (long[] t : SlicerCases.recordings()) {
      Events e = SlicerCases.events(t, k++);
      SliceRanges want = c.held().slice(t);
      int maxChunk = 1 + r.nextInt(r.nextBoolean() ? 8 : 700);
      List<Events> got = assemble(e, c.bounds(t), maxChunk, r);
      String where = c + " on " + t.length + " events in chunks of up to " + maxChunk;
      assertEquals(want.count(), got.size(), where + ": slices");
      for (int i = 0; i < want.count(); i++) {
        assertEquals(e.slice(want.clampedStart(i), want.clampedStop(i)), got.get(i), where + ": slice " + i);
      }
    }
  }

  /** Feeds {@code e} in chunks of 1..maxChunk events, taking slices as they complete. */
  private static List<Events> assemble(Events e, SliceBounds bounds, int maxChunk, SplittableRandom r) {
    SliceAssembler a = new SliceAssembler(bounds);
    List<Events> out = new ArrayList<>();
    EventChunk chunk = new EventChunk(maxChunk);
    int at = 0;
    while (at < e.size()) {
      int n = Math.min(e.size() - at, 1 + r.nextInt(maxChunk));
      System.arraycopy(e.x(), at, chunk.x, 0, n);
      System.arraycopy(e.y(), at, chunk.y, 0, n);
      System.arraycopy(e.t(), at, chunk.t, 0, n);
      System.arraycopy(e.p(), at, chunk.p, 0, n);
      chunk.setSize(n);
      a.add(chunk);
      at += n;
      for (Events s; (s = a.poll()) != null; ) {
        out.add(s);
      }
    }
    a.finish();
    for (Events s; (s = a.poll()) != null; ) {
      out.add(s);
    }
    assertNull(a.poll());
    assertEquals(out.size(), a.taken());
    assertEquals(e.size(), a.eventsSeen());
    return out;
  }

  @Test
  void withoutOverlapItHoldsAtMostOneSliceAndOneChunk() {
    SplittableRandom r = new SplittableRandom(5);
    long[] t = new long[200_000];
    for (int i = 1; i < t.length; i++) {
      t[i] = t[i - 1] + r.nextLong(20);
    }
    Events e = SlicerCases.events(t, 9);
    int chunk = 1_000;
    SliceBounds bounds = SliceBounds.byTime(t.length, t[0], t[t.length - 1], 50_000, 0, true);
    SliceRanges ranges = Slicer.byTime(t, 50_000, 0, true);
    int largest = 0;
    for (int i = 0; i < ranges.count(); i++) {
      largest = Math.max(largest, ranges.clampedStop(i) - ranges.clampedStart(i));
    }
    assertTrue(ranges.count() > 20, "slices: " + ranges.count());
    SliceAssembler a = new SliceAssembler(bounds);
    long maxHeld = 0;
    int slices = 0;
    for (int at = 0; at < t.length; at += chunk) {
      short[] x = java.util.Arrays.copyOfRange(e.x(), at, at + chunk);
      short[] y = java.util.Arrays.copyOfRange(e.y(), at, at + chunk);
      long[] ts = java.util.Arrays.copyOfRange(e.t(), at, at + chunk);
      boolean[] p = java.util.Arrays.copyOfRange(e.p(), at, at + chunk);
      long[] before = ts.clone();
      a.add(x, y, ts, p, chunk);
      assertArrayEquals(before, ts, "the input column is only read");
      maxHeld = Math.max(maxHeld, a.heldEvents());
      assertTrue(a.openSliceEvents() <= largest);
      for (Events s; (s = a.poll()) != null; ) {
        assertEquals(e.slice(ranges.clampedStart(slices), ranges.clampedStop(slices)), s, "slice " + slices);
        slices++;
      }
    }
    a.finish();
    while (a.poll() != null) {
      slices++;
    }
    assertEquals(ranges.count(), slices);
    assertTrue(maxHeld <= largest + chunk, "held " + maxHeld + " events; largest slice " + largest);
  }
}
