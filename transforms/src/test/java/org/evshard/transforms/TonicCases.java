package org.evshard.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.evshard.io.Fixtures;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The cases of {@code golden/tonic/cases.json} (Tonic's own kernel outputs), for the kernel test and the
 * {@code evshard represent} test alike: each case's name and JSON, and the spec string a user would write for it.
 */
public final class TonicCases {

  private TonicCases() {}

  /** The golden folder under the shared fixtures. */
  public static Path root() {
    return Fixtures.root().resolve("golden/tonic");
  }

  /** One {@code (name, case)} argument per case, in file order. */
  public static Stream<Arguments> cases() throws IOException {
    JsonNode doc = new ObjectMapper().readTree(root().resolve("cases.json").toFile());
    List<Arguments> out = new ArrayList<>();
    for (JsonNode c : doc.get("cases")) {
      out.add(Arguments.of(c.get("name").asText(), c));
    }
    return out.stream();
  }

  /** {@code function(key=value, ...)} from the case's parameters, with Python literals. */
  public static String spec(JsonNode c) {
    StringBuilder b = new StringBuilder(c.get("function").asText()).append('(');
    Iterator<Map.Entry<String, JsonNode>> it = c.get("params").fields();
    boolean first = true;
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode v = e.getValue();
      b.append(first ? "" : ", ").append(e.getKey()).append('=');
      b.append(v.isBoolean() ? (v.asBoolean() ? "True" : "False") : v.isIntegralNumber() ? v.asText()
          : String.valueOf(v.asDouble()));
      first = false;
    }
    return b.append(')').toString();
  }
}
