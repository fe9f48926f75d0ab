package org.evshard.io.shard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImageRowTest {

  private static ImageRow row(byte[] tensor, int[] shape) {
    return new ImageRow("cifake/train/REAL/1", "cifake", "train", 1, "REAL", "train/REAL/1.jpg", null, 32, 32, 32,
        32, "0".repeat(64), "png", new byte[] {1}, Map.of(), tensor, shape);
  }

  static Stream<Arguments> shapes() {
    return Stream.of(
        Arguments.of(new int[] {32, 32, 3}, 3072, true),
        Arguments.of(new int[] {-32, -32, 3}, 3072, false), // multiplied to the tensor's length
        Arguments.of(new int[] {-32, 32, -3}, 3072, false),
        Arguments.of(new int[] {0, 32, 3}, 0, false),
        Arguments.of(new int[] {65536, 65536, 3}, 3072, false),
        Arguments.of(new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}, 3072, false),
        Arguments.of(new int[] {1024, 3}, 3072, false),
        Arguments.of(new int[] {32, 32, 3, 1}, 3072, false));
  }

  @ParameterizedTest
  @MethodSource("shapes")
  void aTensorShapeIsThreePositiveDimensionsWhoseProductIsItsLength(int[] shape, int bytes, boolean valid) {
    byte[] tensor = new byte[bytes];
    if (valid) {
      assertArrayEquals(shape, row(tensor, shape).tensorShape());
      return;
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> row(tensor, shape));
    assertTrue(e.getMessage().startsWith("tensor of cifake/train/REAL/1 has " + bytes + " bytes, shape ["),
        e.getMessage());
  }
}
