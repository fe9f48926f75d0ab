package org.evshard.io.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShardWriteOptionsTest {

  /** The row group a writer uses: the configured size, at most a sixteenth of the heap, at least 1 MiB of it. */
  @ParameterizedTest
  @CsvSource({
      // configured, max heap, used
      "67108864, 4294967296, 67108864", // 64 MiB with a 4 GiB heap: as configured
      "67108864, 1073741824, 67108864", // 1 GiB heap: a sixteenth is exactly 64 MiB
      "67108864, 1073741808, 67108863", // one sixteenth below it
      "67108864, 134217728, 8388608", // -Xmx128m: 8 MiB
      "67108864, 67108864, 4194304", // -Xmx64m: 4 MiB
      "67108864, 8388608, 1048576", // a tiny heap: not below 1 MiB
      "262144, 8388608, 262144", // a configured size below 1 MiB stays
      "262144, 4294967296, 262144"})
  void theRowGroupIsAtMostASixteenthOfTheHeap(long configured, long heap, long used) {
    assertEquals(used, ShardWriteOptions.rowGroupBytesFor(configured, heap));
  }
}
