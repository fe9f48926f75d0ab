package org.evshard.transforms.slice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.SensorSize;
import org.evshard.transforms.TransformException;
import org.evshard.transforms.spec.TransformChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SliceBounds} from a recording's totals gives exactly {@link Slicer}'s index ranges on the held recording:
 * the same number of slices and, searched in the whole recording or in any window of it, the same clamped starts and
 * stops, for every slicer on about 150 recordings (empty, one event, equal timestamps, gaps, float64 rounding).
 */
class SliceBoundsTest {

  static List<SlicerCases.Case> cases() {
    return SlicerCases.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givesSlicersRangesFromTheTotals(SlicerCases.Case c) {
    SplittableRandom r = new SplittableRandom(c.name().hashCode());
    for (long[] t : SlicerCases.recordings()) {
      SliceRanges want = c.held().slice(t);
      SliceBounds got = c.bounds(t);
      String where = c + " on " + t.length + " events";
      assertEquals(want.count(), got.count(), where + ": slice count");
      assertEquals(t.length, got.eventCount(), where);
      int n = t.length;
      // one window of the recording, as a streamed chunk sees it: the same boundaries, clamped to the window
      int from = n == 0 ? 0 : r.nextInt(n);
      int to = from + (n == from ? 0 : r.nextInt(n - from + 1));
      long[] chunk = Arrays.copyOfRange(t, from, to);
      for (int i = 0; i < want.count(); i++) {
        assertEquals(want.clampedStart(i), got.startIn(i, 0, t, 0, n), where + ": start of slice " + i);
        assertEquals(want.clampedStop(i), got.stopIn(i, 0, t, 0, n), where + ": stop of slice " + i);
        assertEquals(Math.min(Math.max(want.clampedStart(i), from), to) - from,
            got.startIn(i, from, chunk, 0, chunk.length), where + ": start of slice " + i + " in [" + from + ", " + to
                + ")");
        assertEquals(Math.min(Math.max(want.clampedStop(i), from), to) - from,
            got.stopIn(i, from, chunk, 0, chunk.length), where + ": stop of slice " + i + " in [" + from + ", " + to
                + ")");
      }
    }
  }

  @Test
  void theRegisteredSlicersGiveTheirBoundsFromTotals() {
    SensorSize sensor = new SensorSize(64, 48, 2);
    List<String> specs = List.of("slice_by_time(time_window=700, overlap=300, include_incomplete=True)",
        "slice_by_event_count(event_count=64, overlap=16)", "slice_by_time_bins(bin_count=10, overlap=0.5)",
        "slice_by_event_bins(bin_count=3, overlap=0.25)");
    for (String spec : specs) {
      TransformChain chain = TransformChain.parse(spec);
      for (long[] t : SlicerCases.recordings()) {
        Events e = SlicerCases.events(t, 1);
        SliceRanges want = chain.apply(e, sensor).slices();
        int n = t.length;
        SliceBounds got = chain.sliceBounds(n, n == 0 ? 0 : t[0], n == 0 ? 0 : t[n - 1]);
        assertEquals(want.count(), got.count(), spec);
        for (int i = 0; i < want.count(); i++) {
          assertEquals(want.clampedStart(i), got.startIn(i, 0, t, 0, n), spec + " slice " + i);
          assertEquals(want.clampedStop(i), got.stopIn(i, 0, t, 0, n), spec + " slice " + i);
        }
      }
    }
  }

  @Test
  void aChainThatIsNotOneSlicerHasNoBounds() {
    TransformException e = assertThrows(TransformException.class,
        () -> TransformChain.parse("time_align", "slice_by_time(time_window=10)").sliceBounds(10, 0, 9));
    assertTrue(e.getMessage().contains("not one slicer"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"time", "count", "time_bins", "event_bins"})
  void invalidParametersFailAsTheHeldSlicerFails(String which) {
    long[] t = {1, 2, 3};
    InvalidParameterException held = assertThrows(InvalidParameterException.class, () -> {
      switch (which) {
        case "time" -> Slicer.byTime(t, 10, 10, false);
        case "count" -> Slicer.byEventCount(3, 0, 0, false);
        case "time_bins" -> Slicer.byTimeBins(t, 2, 1.0);
        default -> Slicer.byEventBins(3, -1, 0.0);
      }
    });
    InvalidParameterException streamed = assertThrows(InvalidParameterException.class, () -> {
      switch (which) {
        case "time" -> SliceBounds.byTime(3, 1, 3, 10, 10, false);
        case "count" -> SliceBounds.byEventCount(3, 0, 0, false);
        case "time_bins" -> SliceBounds.byTimeBins(3, 1, 3, 2, 1.0);
        default -> SliceBounds.byEventBins(3, -1, 0.0);
      }
    });
    assertEquals(held.getMessage(), streamed.getMessage());
  }

  @Test
  void tooManySlicesFailAsTheHeldSlicerFails() {
    long[] t = {0, 1L << 40};
    InvalidParameterException held = assertThrows(InvalidParameterException.class,
        () -> Slicer.byTime(t, 1, 0, false));
    InvalidParameterException streamed = assertThrows(InvalidParameterException.class,
        () -> SliceBounds.byTime(2, 0, 1L << 40, 1, 0, false));
    assertEquals(held.getMessage(), streamed.getMessage());
  }

  @Test
  void totalsThatCannotBeARecordingAreRefused() {
    InvalidParameterException e = assertThrows(InvalidParameterException.class,
        () -> SliceBounds.byTime(5, 100, 50, 10, 0, false));
    assertTrue(e.getMessage().contains("t_last=50"), e.getMessage());
  }
}
