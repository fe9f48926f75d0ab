package org.evshard.transforms.slice;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SlicerTest {

  private static final long[] T = {10, 10, 10, 20, 20, 30};

  private static long[] flat(SliceRanges r) {
    return r.toTensor().longs();
  }

  @Test
  void byTimeFollowsTonic() {
    // span 20, stride 10: floor((20 - 15) / 10) + 1 = 1 window [10, 25); ceil gives a second one [20, 35)
    assertArrayEquals(new long[] {0, 5}, flat(Slicer.byTime(T, 15, 5, false)));
    assertArrayEquals(new long[] {0, 5, 3, 6}, flat(Slicer.byTime(T, 15, 5, true)));
    // a window longer than the recording still gives one slice
    assertArrayEquals(new long[] {0, 6}, flat(Slicer.byTime(T, 1000, 0, false)));
    assertArrayEquals(new long[] {0, 0}, flat(Slicer.byTime(new long[0], 10, 0, false)));
    assertArrayEquals(new long[] {0, 1}, flat(Slicer.byTime(new long[] {7}, 10, 0, true)));
  }

  @Test
  void byEventCountKeepsTonicsUnclampedStop() {
    SliceRanges r = Slicer.byEventCount(6, 4, 1, true);
    assertArrayEquals(new long[] {0, 4, 3, 7}, flat(r));
    assertEquals(6, r.clampedStop(1));
    assertArrayEquals(new long[] {0, 4}, flat(Slicer.byEventCount(6, 4, 1, false)));
    assertArrayEquals(new long[] {0, 0}, flat(Slicer.byEventCount(0, 4, 0, false)));
  }

  @Test
  void bins() {
    // span 20, 2 bins: window 10 * 1.5 = 15, stride 7.5
    assertArrayEquals(new long[] {0, 5, 3, 6}, flat(Slicer.byTimeBins(T, 2, 0.5)));
    assertArrayEquals(new long[] {0, 3, 3, 6}, flat(Slicer.byEventBins(6, 2, 0.0)));
    assertArrayEquals(new long[] {0, 0, 0, 0}, flat(Slicer.byTimeBins(new long[0], 2, 0.0)));
    assertArrayEquals(new long[] {0, 0, 0, 0}, flat(Slicer.byTimeBins(new long[] {5}, 2, 0.0)));
  }

  @Test
  void spikingJellyFoldsTheRemainderIntoTheLastSlice() {
    assertArrayEquals(new long[] {0, 2, 2, 4, 4, 7}, flat(Slicer.byEventBinsSpikingJelly("frame", 7, 3)));
    // span 20 // 3 = 6: [10, 16), [16, 22), rest
    assertArrayEquals(new long[] {0, 3, 3, 5, 5, 6}, flat(Slicer.byTimeBinsSpikingJelly("frame", T, 3)));
  }
}
