package org.evshard.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.evshard.io.events.Events;
import org.evshard.io.npy.NpyArray;
import org.evshard.io.npy.NpyEvents;
import org.evshard.io.npy.NpyScalarType;
import org.evshard.transforms.spec.ChainResult;
import org.evshard.transforms.spec.TransformChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code golden/tonic/cases.json} (inputs and outputs of Tonic's own numpy kernels), run through the
 * spec language exactly as a user would write it: integer outputs and event lists must match exactly, floats within
 * 1e-9.
 */
class TonicGoldenTest {

  private static final double FLOAT_TOLERANCE = 1e-9;

  static Stream<Arguments> cases() throws IOException {
    return TonicCases.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reproducesTonic(String name, JsonNode c) throws IOException {
    Path root = TonicCases.root();
    Events input = NpyEvents.read(root.resolve(c.get("input").asText()));
    JsonNode ss = c.get("sensor_size");
    SensorSize sensor = new SensorSize(ss.get(0).asInt(), ss.get(1).asInt(), ss.get(2).asInt());
    Events before = Events.copyOf(input.x(), input.y(), input.t(), input.p(), input.size());
    String spec = TonicCases.spec(c);

    ChainResult result = TransformChain.parse(List.of(spec)).apply(input, sensor);

    assertEquals(before, input, "input modified by " + spec);
    Path expectedFile = root.resolve(c.get("output").asText());
    String dtype = c.get("output_dtype").asText();
    if (dtype.startsWith("[")) {
      Events expected = NpyEvents.read(expectedFile);
      assertEquals(expected, result.events(), spec + " on " + c.get("input").asText());
      return;
    }
    NpyArray expected = NpyArray.read(expectedFile);
    Tensor actual = result.asTensor();
    assertArrayEquals(expected.shape(), actual.shape(), spec + ": shape");
    List<Long> shape = new ArrayList<>();
    c.get("output_shape").forEach(d -> shape.add(d.asLong()));
    assertEquals(shape.size(), actual.rank());
    switch (dtype) {
      case "int16" -> {
        assertEquals(NpyScalarType.INT16, expected.type());
        short[] a = actual.shorts();
        for (int i = 0; i < a.length; i++) {
          if (a[i] != expected.getLong(i)) {
            throw new AssertionError(spec + ": element " + i + " expected " + expected.getLong(i) + " got " + a[i]);
          }
        }
      }
      case "int64" -> assertArrayEquals(expected.toLongArray(), actual.longs(), spec);
      case "float64" -> {
        double[] e = expected.toDoubleArray();
        double[] a = actual.doubles();
        for (int i = 0; i < a.length; i++) {
          if (!(Math.abs(a[i] - e[i]) <= FLOAT_TOLERANCE)) {
            throw new AssertionError(spec + ": element " + i + " expected " + e[i] + " got " + a[i]);
          }
        }
      }
      default -> throw new AssertionError("unhandled output dtype " + dtype);
    }
  }

  @Test
  void everyGoldenFunctionIsCovered() throws IOException {
    long n = cases().count();
    assertTrue(n >= 76, "cases.json lists " + n + " cases");
  }
}
