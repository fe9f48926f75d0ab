package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GroupMemoryTest {

  @Test
  void linearInRowsAndTypedFailureAboveTheLimit() {
    // 10,000 x 512: features 20,480,000 + normalised copy 20,480,000 + 64 per row + 32 per dim
    assertEquals(20_480_000L * 2 + 640_000 + 16_384, GroupMemory.bytesNeeded(10_000, 512));
    assertEquals(GroupMemory.bytesNeeded(10_000, 512),
        GroupMemory.requireWithin("class 3", 10_000, 512, 100_000_000));
    GroupTooLargeException e = assertThrows(GroupTooLargeException.class,
        () -> GroupMemory.requireWithin("class 3", 10_000_000, 2048, 1L << 30));
    assertTrue(e.getMessage().contains("class 3") && e.getMessage().contains("10000000 rows"), e.getMessage());
  }
}
