package org.evshard.io.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BooleanStoresTest {

  @Test
  void eachByteBecomesOneBooleanLowestFirst() {
    assertTrue(BooleanStores.AVAILABLE, "HotSpot on x86-64 and aarch64 stores a boolean in one byte, little endian");
    boolean[] dst = new boolean[20];
    long[] bytes = {0x0100_0001_0000_0101L, 0x0001_0101_0100_0000L};
    BooleanStores.putLongs(dst, 3, bytes, 2);
    boolean[] want = new boolean[20];
    int[] on = {0, 1, 4, 7, 11, 12, 13, 14}; // bytes set to 1, counted from the lowest of the first long
    for (int i : on) {
      want[3 + i] = true;
    }
    assertArrayEquals(want, dst);
  }

  @Test
  void aRangePastEitherEndStoresNothing() {
    boolean[] dst = new boolean[16];
    long[] ones = {0x0101_0101_0101_0101L, 0x0101_0101_0101_0101L};
    assertThrows(IndexOutOfBoundsException.class, () -> BooleanStores.putLongs(dst, 1, ones, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> BooleanStores.putLongs(dst, -1, ones, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> BooleanStores.putLongs(dst, 0, ones, 3));
    assertArrayEquals(new boolean[16], dst);
    BooleanStores.putLongs(dst, 8, ones, 1);
    boolean[] want = new boolean[16];
    java.util.Arrays.fill(want, 8, 16, true);
    assertArrayEquals(want, dst);
  }
}
