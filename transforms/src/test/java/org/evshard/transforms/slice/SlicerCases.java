package org.evshard.transforms.slice;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.evshard.io.events.Events;

/**
 * Slicer configurations, each as {@link Slicer} computes it on a held recording and as {@link SliceBounds} computes it
 * from the recording's totals, and time-ordered recordings to run them on: empty, one event, all timestamps equal,
 * dense and sparse ones, and timestamps beyond 2^53 where float64 keys round.
 */
final class SlicerCases {

  private SlicerCases() {}

  /** The held form of one slicer. */
  interface Held {
    SliceRanges slice(long[] t);
  }

  /** The streamed form of the same slicer. */
  interface FromTotals {
    SliceBounds bounds(long n, long tFirst, long tLast);
  }

  /** One slicer configuration in both forms. */
  record Case(String name, Held held, FromTotals streamed) {
    SliceBounds bounds(long[] t) {
      int n = t.length;
      return n == 0 ? streamed.bounds(0, 0, 0) : streamed.bounds(n, t[0], t[n - 1]);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> cases() {
    List<Case> out = new ArrayList<>();
    for (boolean incomplete : new boolean[] {false, true}) {
      for (long[] wo : new long[][] {{50, 0}, {700, 0}, {1000, 300}, {1000, 950}, {5000, 0}, {250, 100},
          {100_000, 0}, {30, 20}}) {
        long w = wo[0];
        long o = wo[1];
        out.add(new Case("slice_by_time(time_window=" + w + ", overlap=" + o + ", include_incomplete=" + incomplete
            + ")", t -> Slicer.byTime(t, w, o, incomplete),
            (n, f, l) -> SliceBounds.byTime(n, f, l, w, o, incomplete)));
      }
      for (long[] co : new long[][] {{1, 0}, {7, 0}, {10, 3}, {10, 9}, {64, 16}, {1000, 0}}) {
        long c = co[0];
        long o = co[1];
        out.add(new Case("slice_by_event_count(event_count=" + c + ", overlap=" + o + ", include_incomplete="
            + incomplete + ")", t -> Slicer.byEventCount(t.length, c, o, incomplete),
            (n, f, l) -> SliceBounds.byEventCount(n, c, o, incomplete)));
      }
    }
    for (long b : new long[] {1, 3, 10, 64}) {
      for (double o : new double[] {0.0, 0.25, 0.5, 0.9, 1.0 / 3}) {
        out.add(new Case("slice_by_time_bins(bin_count=" + b + ", overlap=" + o + ")",
            t -> Slicer.byTimeBins(t, b, o), (n, f, l) -> SliceBounds.byTimeBins(n, f, l, b, o)));
        out.add(new Case("slice_by_event_bins(bin_count=" + b + ", overlap=" + o + ")",
            t -> Slicer.byEventBins(t.length, b, o), (n, f, l) -> SliceBounds.byEventBins(n, b, o)));
      }
      out.add(new Case("spikingjelly time bins " + b, t -> Slicer.byTimeBinsSpikingJelly("frame", t, b),
          (n, f, l) -> SliceBounds.byTimeBinsSpikingJelly("frame", n, f, l, b)));
      out.add(new Case("spikingjelly event bins " + b, t -> Slicer.byEventBinsSpikingJelly("frame", t.length, b),
          (n, f, l) -> SliceBounds.byEventBinsSpikingJelly("frame", n, b)));
    }
    return out;
  }

  /** About 150 time-ordered timestamp columns, the special ones first. */
  static List<long[]> recordings() {
    List<long[]> out = new ArrayList<>();
    out.add(new long[0]);
    out.add(new long[] {5});
    out.add(new long[] {0});
    out.add(new long[] {7, 7, 7, 7, 7, 7});
    out.add(new long[] {10, 10, 10, 20, 20, 30});
    out.add(new long[] {-500, -20, 0, 0, 400});
    SplittableRandom r = new SplittableRandom(20_260_611);
    for (int k = 0; k < 150; k++) {
      int n = k % 10 == 0 ? 1 + r.nextInt(3) : r.nextInt(2_000);
      long[] t = new long[n];
      long now = switch (k % 5) {
        case 0 -> r.nextLong(1000);
        case 1 -> (1L << 53) + r.nextLong(1 << 20); // float64 keys round here
        case 2 -> 1_700_000_000_000_000L + r.nextLong(1_000_000); // epoch microseconds
        case 3 -> -r.nextLong(100_000);
        default -> 0;
      };
      int mode = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        now += switch (mode) {
          case 0 -> r.nextInt(3) == 0 ? 0 : r.nextLong(50); // many equal timestamps
          case 1 -> r.nextInt(50) == 0 ? r.nextLong(20_000) : r.nextLong(200); // bursts and gaps
          case 2 -> r.nextInt(10) == 0 ? 1 : 0; // nearly all equal
          default -> r.nextLong(1_000);
        };
        t[i] = now;
      }
      out.add(t);
    }
    return out;
  }

  /** Events with the given timestamps and random addresses and polarities. */
  static Events events(long[] t, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    short[] x = new short[t.length];
    short[] y = new short[t.length];
    boolean[] p = new boolean[t.length];
    for (int i = 0; i < t.length; i++) {
      x[i] = (short) r.nextInt(64);
      y[i] = (short) r.nextInt(48);
      p[i] = r.nextBoolean();
    }
    return Events.wrap(x, y, t.clone(), p);
  }
}
