package org.evshard.pipelines.coders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.beam.sdk.util.CoderUtils;
import org.evshard.io.events.Events;
import org.evshard.io.shard.SampleRow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleRowCoderTest {

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 3, 4096})
  void roundTripIsExact(int n) throws Exception {
    SplittableRandom r = new SplittableRandom(n);
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = (short) r.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
      y[i] = (short) r.nextInt(Short.MIN_VALUE, Short.MAX_VALUE + 1);
      t[i] = r.nextLong();
      p[i] = r.nextBoolean();
    }
    SampleRow row = new SampleRow("nmnist/Train/1/00001", "nmnist", "train", 1, "1", "Train/1/00001.bin", 34, 34,
        Events.wrap(x, y, t, p));
    SampleRow back = CoderUtils.decodeFromByteArray(SampleRowCoder.of(),
        CoderUtils.encodeToByteArray(SampleRowCoder.of(), row));
    assertEquals(row, back);
  }
}
