package org.evshard.pipelines.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A feature that is not finite names its sample and shard (it failed a group later, by a matrix index). */
class ReadFeaturesFnTest {

  @ParameterizedTest
  @ValueSource(floats = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY})
  void aFeatureThatIsNotFiniteNamesItsSampleAndShard(float bad) {
    float[] f = {0.5f, 1f, bad, 2f};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ReadFeaturesFn.finite(f, "nmnist/Train/0/00000", "/in/train/part-00000-of-00001.parquet"));
    assertEquals("/in/train/part-00000-of-00001.parquet: sample nmnist/Train/0/00000: feature 2 of 4 is " + bad
        + " (its tensor or pixels hold a value that is not finite)", e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 64})
  void finiteFeaturesPassUnchanged(int n) {
    float[] f = new float[n];
    java.util.Arrays.fill(f, Float.MAX_VALUE);
    assertSame(f, ReadFeaturesFn.finite(f, "s", "shard"));
  }
}
