package org.evshard.transforms.select;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.evshard.transforms.InvalidParameterException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every selection kernel: the input features are unchanged, the result holds distinct rows, a budget outside [0, n]
 * is rejected, the same seed gives the same selection and, for the seeded methods, another seed another selection.
 */
class SelectionContractTest {

  record Method(String name, boolean seeded, boolean exactK, BiFunction<Integer, Long, Selection> run) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final FeatureMatrix F = TestPoints.gaussian(60, 6, 77);
  private static final float[] SNAPSHOT = F.toArray();
  private static final String[] IDS = java.util.stream.IntStream.range(0, 60).mapToObj(i -> "id" + i)
      .toArray(String[]::new);
  private static final double[] SCORES = java.util.stream.IntStream.range(0, 60).mapToDouble(i -> (i * 37) % 11)
      .toArray();

  static List<Method> methods() {
    return List.of(
        new Method("random", true, true, (k, s) -> RandomSelection.select(IDS, k, s)),
        new Method("herding", false, true, (k, s) -> HerdingSelection.select(F, k)),
        new Method("kcenter", false, true, (k, s) -> KCenterSelection.select(F, k)),
        new Method("facility_location", false, true, (k, s) -> FacilityLocationSelection.select(F, k)),
        new Method("graphcut", false, true, (k, s) -> GraphCutSelection.select(F, k, 1.0)),
        new Method("dq", true, false, (k, s) -> DatasetQuantization.select(F, k, 5, s)),
        new Method("ccs", true, false, (k, s) -> CoverageCentricSelection.select(SCORES, k, 0.1, 5, true, s)));
  }

  @ParameterizedTest
  @MethodSource("methods")
  void contract(Method m) {
    Selection a = m.run().apply(12, 5L);
    assertArrayEquals(SNAPSHOT, F.toArray(), "input unchanged");
    assertEquals(a.size(), Arrays.stream(a.indices()).distinct().count(), "distinct rows");
    if (m.exactK()) {
      assertEquals(12, a.size());
    }
    assertEquals(a, m.run().apply(12, 5L), "same seed, same selection");
    if (m.seeded()) {
      assertNotEquals(a, m.run().apply(12, 6L), "another seed, another selection");
    }
    assertThrows(InvalidParameterException.class, () -> m.run().apply(61, 5L));
    assertThrows(InvalidParameterException.class, () -> m.run().apply(-1, 5L));
  }
}
