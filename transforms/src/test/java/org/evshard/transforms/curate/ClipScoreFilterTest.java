package org.evshard.transforms.curate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.evshard.transforms.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fraction threshold keeps exactly the uid set of DataComp's sort-based definition ({@code get_threshold}:
 * {@code n = int(len * fraction)}, {@code threshold = -np.sort(-scores)[n]}, keep {@code score >= threshold}), written
 * here independently as: sort the (uid, score) rows by score descending with NaN last, keep the first n + 1 rows and
 * every following row whose score equals row n's; nothing if row n is NaN or missing.
 */
class ClipScoreFilterTest {

  static Stream<Arguments> pools() {
    List<Arguments> out = new ArrayList<>();
    int[] sizes = {1, 2, 3, 10, 97, 1000, 2000};
    double[] fractions = {0.0, 0.1, 0.3, 0.5, 0.9, 0.999};
    int[] levels = {4, 64, 0}; // few distinct values (many ties), float16-like grid, continuous
    for (int size : sizes) {
      for (int lv : levels) {
        for (double f : fractions) {
          for (boolean nans : new boolean[] {false, true}) {
            out.add(Arguments.of(size, lv, f, nans));
          }
        }
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "[{index}] n={0} levels={1} fraction={2} nan={3}")
  @MethodSource("pools")
  void float32KeepsTheSortBasedSet(int size, int levels, double fraction, boolean nans) {
    float[] scores = pool(size, levels, nans, size * 31L + levels);
    float[] before = scores.clone();
    if ((int) (size * fraction) >= size) {
      assertThrows(InvalidParameterException.class, () -> ClipScoreFilter.thresholdForFraction(scores, fraction));
      return;
    }
    float t = ClipScoreFilter.thresholdForFraction(scores, fraction);
    boolean[] mask = ClipScoreFilter.keepMask(scores, t);
    Set<Integer> kept = new HashSet<>();
    for (int i = 0; i < size; i++) {
      assertEquals(mask[i], ClipScoreFilter.keep(scores[i], t));
      if (mask[i]) {
        kept.add(i);
      }
    }
    double[] asDouble = new double[size];
    for (int i = 0; i < size; i++) {
      asDouble[i] = scores[i];
    }
    assertEquals(sortBasedKeep(asDouble, fraction), kept);
    assertArrayEquals(before, scores, "the scores were modified");
  }

  @ParameterizedTest(name = "[{index}] n={0} levels={1} fraction={2} nan={3}")
  @MethodSource("pools")
  void float64KeepsTheSortBasedSet(int size, int levels, double fraction, boolean nans) {
    SplittableRandom rnd = new SplittableRandom(size * 17L + levels);
    double[] scores = new double[size];
    for (int i = 0; i < size; i++) {
      scores[i] = levels == 0 ? rnd.nextDouble() * 0.5 : rnd.nextInt(levels) / (double) levels;
      if (nans && rnd.nextInt(10) == 0) {
        scores[i] = Double.NaN;
      }
    }
    if ((int) (size * fraction) >= size) {
      assertThrows(InvalidParameterException.class, () -> ClipScoreFilter.thresholdForFraction(scores, fraction));
      return;
    }
    double t = ClipScoreFilter.thresholdForFraction(scores, fraction);
    Set<Integer> kept = new HashSet<>();
    for (int i = 0; i < size; i++) {
      if (ClipScoreFilter.keep(scores[i], t)) {
        kept.add(i);
      }
    }
    assertEquals(sortBasedKeep(scores, fraction), kept);
  }

  @Test
  void keepsOneMoreThanTheFractionAndAllTiesAtTheThreshold() {
    // 10 scores, fraction 0.3: n = 3, threshold = 4th largest; the 4th and 5th largest tie
    float[] s = {0.1f, 0.9f, 0.8f, 0.7f, 0.6f, 0.6f, 0.5f, 0.4f, 0.3f, 0.2f};
    float t = ClipScoreFilter.thresholdForFraction(s, 0.3);
    assertEquals(0.6f, t);
    int kept = 0;
    for (float v : s) {
      kept += ClipScoreFilter.keep(v, t) ? 1 : 0;
    }
    assertEquals(5, kept); // 0.9, 0.8, 0.7, 0.6, 0.6
    // fraction 0: n = 0, threshold = the maximum, so at least one sample is kept
    assertEquals(0.9f, ClipScoreFilter.thresholdForFraction(s, 0.0));
  }

  @Test
  void givenThresholdComparesInTheColumnsType() {
    // numpy (2.4.6, NEP 50; legacy value-based casting agrees): np.array([np.float32(0.7)]) >= 0.7 -> [True], while
    // the same value widened to float64 compared with 0.7 -> [False]
    assertTrue(ClipScoreFilter.keep(0.7f, 0.7));
    assertFalse(ClipScoreFilter.keep((double) 0.7f, 0.7));
    assertTrue(ClipScoreFilter.keep(0.3, 0.3));
    assertFalse(ClipScoreFilter.keep(Math.nextDown(0.3), 0.3));
    assertFalse(ClipScoreFilter.keep(Float.NaN, 0.0));
  }

  @Test
  void invalidFractionsAndPools() {
    float[] s = {0.1f, 0.2f};
    assertThrows(InvalidParameterException.class, () -> ClipScoreFilter.thresholdForFraction(s, 1.0));
    assertThrows(InvalidParameterException.class, () -> ClipScoreFilter.thresholdForFraction(s, -0.1));
    assertThrows(InvalidParameterException.class, () -> ClipScoreFilter.thresholdForFraction(s, Double.NaN));
    assertThrows(InvalidParameterException.class, () -> ClipScoreFilter.thresholdForFraction(new float[0], 0.3));
    assertThrows(InvalidParameterException.class, () -> ClipScoreFilter.thresholdForFraction((float[]) null, 0.3));
  }

  @Test
  void columnNamesAreDataComps() {
    assertEquals("clip_b32_similarity_score", ClipScoreColumn.B32.column());
    assertEquals("clip_l14_similarity_score", ClipScoreColumn.L14.column());
  }

  private static float[] pool(int size, int levels, boolean nans, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] s = new float[size];
    for (int i = 0; i < size; i++) {
      s[i] = levels == 0 ? (float) (rnd.nextDouble() * 0.5) : rnd.nextInt(levels) / (float) levels;
      if (nans && rnd.nextInt(10) == 0) {
        s[i] = Float.NaN;
      }
    }
    return s;
  }

  /** DataComp's definition by sorting rows: see the class comment. */
  private static Set<Integer> sortBasedKeep(double[] scores, double fraction) {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      rows.add(i);
    }
    Comparator<Integer> descNanLast = (a, b) -> {
      boolean na = Double.isNaN(scores[a]);
      boolean nb = Double.isNaN(scores[b]);
      if (na || nb) {
        return na == nb ? 0 : (na ? 1 : -1);
      }
      return Double.compare(scores[b] + 0.0, scores[a] + 0.0); // +0.0 folds -0.0 into 0.0
    };
    rows.sort(descNanLast);
    int n = (int) (scores.length * fraction);
    Set<Integer> kept = new HashSet<>();
    if (n >= rows.size() || Double.isNaN(scores[rows.get(n)])) {
      return kept;
    }
    double at = scores[rows.get(n)];
    for (int r = 0; r < rows.size(); r++) {
      double v = scores[rows.get(r)];
      if (r <= n || v == at) {
        kept.add(rows.get(r));
      }
    }
    return kept;
  }
}
