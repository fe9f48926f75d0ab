package org.evshard.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StratifiedHashSplitTest {

  private static final List<String> FIVE =
      List.of("image_0001.bin", "image_0002.bin", "image_0003.bin", "image_0004.bin", "image_0005.bin");

  private static List<String> names(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> String.format("image_%04d.bin", i)).toList();
  }

  @Test
  void hashKeyIsTheSha256PrefixComputedByCoreutils() {
    // printf '%s' image_0001.bin | sha256sum  ->  8a9c67c3bbc29659...
    assertEquals(Long.parseUnsignedLong("8a9c67c3bbc29659", 16), StratifiedHashSplit.hashKey("image_0001.bin"));
    assertEquals(Long.parseUnsignedLong("06162ea4564bf713", 16), StratifiedHashSplit.hashKey("image_0002.bin"));
  }

  @Test
  void ordersByUnsignedPrefixOfTheNameWithoutItsExtension() {
    // printf '%s' image_000N | sha256sum: 0003 456b01.., 0001 4a7ee1.., 0002 7f14a5.., 0004 9b7e7e.., 0005 de9e8e..
    // (0004 and 0005 negative if signed)
    assertEquals(Set.of("image_0003.bin"), new StratifiedHashSplit(0.2).testNames(FIVE));
    assertEquals(Set.of("image_0003.bin", "image_0001.bin"), new StratifiedHashSplit(0.4).testNames(FIVE));
    assertEquals(Set.of("image_0003.bin", "image_0001.bin", "image_0002.bin", "image_0004.bin"),
        new StratifiedHashSplit(0.8).testNames(FIVE));
  }

  /** The same recordings under another extension (a copy tool's .BIN, CIFAR10-DVS's .aedat4 release) split alike. */
  @ParameterizedTest
  @ValueSource(strings = {".BIN", ".aedat4", ".npy", ""})
  void theExtensionDoesNotMoveASample(String extension) {
    List<String> names = names(60);
    List<String> renamed = names.stream().map(n -> n.replace(".bin", extension)).toList();
    Set<String> test = new StratifiedHashSplit(0.2).testNames(names);
    Set<String> renamedTest = new StratifiedHashSplit(0.2).testNames(renamed);
    assertEquals(test.stream().map(n -> n.replace(".bin", extension)).collect(java.util.stream.Collectors.toSet()),
        renamedTest);
  }

  @ParameterizedTest
  @CsvSource({"10, 0.2, 2", "5, 0.5, 3", "7, 0.3, 2", "1, 0.2, 0", "3, 0.5, 2", "801, 0.2, 160", "0, 0.2, 0"})
  void testCountIsRoundedExactlyPerClass(int n, double fraction, int expected) {
    StratifiedHashSplit split = new StratifiedHashSplit(fraction);
    assertEquals(expected, split.testCount(n));
    assertEquals(expected, split.testNames(names(n)).size());
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.1, 0.2, 0.25, 0.5, 0.9})
  void agreesWithAnIndependentReference(double fraction) {
    List<String> names = names(97);
    assertEquals(Fixtures.referenceTestNames(names, fraction), new StratifiedHashSplit(fraction).testNames(names));
  }

  @Test
  void isIndependentOfListingOrderAndRepeatable() {
    List<String> names = names(50);
    StratifiedHashSplit split = new StratifiedHashSplit(0.3);
    Set<String> first = split.testNames(names);
    for (long seed = 1; seed <= 5; seed++) {
      assertEquals(first, split.testNames(Fixtures.shuffled(names, seed)));
    }
    List<String> reversed = new ArrayList<>(names);
    java.util.Collections.reverse(reversed);
    assertEquals(first, new StratifiedHashSplit(0.3).testNames(reversed));
  }

  @Test
  void aLargerFractionKeepsTheSmallerTestSet() {
    Set<String> small = new StratifiedHashSplit(0.2).testNames(names(40));
    Set<String> large = new StratifiedHashSplit(0.4).testNames(names(40));
    assertTrue(large.containsAll(small), small + " not within " + large);
  }

  @Test
  void fractionZeroAndOne() {
    assertEquals(Set.of(), new StratifiedHashSplit(0.0).testNames(names(13)));
    assertEquals(new HashSet<>(names(13)), new StratifiedHashSplit(1.0).testNames(names(13)));
    assertEquals(StratifiedHashSplit.TRAIN, StratifiedHashSplit.splitOf("image_0001.bin", Set.of()));
    assertEquals(StratifiedHashSplit.TEST, StratifiedHashSplit.splitOf("image_0001.bin", Set.of("image_0001.bin")));
  }

  @ParameterizedTest
  @ValueSource(doubles = {-0.01, 1.01, Double.NaN, Double.POSITIVE_INFINITY})
  void rejectsInvalidFraction(double fraction) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StratifiedHashSplit(fraction));
    assertTrue(e.getMessage().contains("0..1"), e.getMessage());
  }

  @Test
  void rejectsDuplicateNamesAndNegativeCounts() {
    assertThrows(IllegalArgumentException.class,
        () -> new StratifiedHashSplit(0.5).testNames(List.of("a.bin", "a.bin")));
    assertThrows(IllegalArgumentException.class, () -> new StratifiedHashSplit(0.5).testCount(-1));
  }
}
