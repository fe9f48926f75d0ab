package org.evshard.transforms.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One parsed spec {@code name(key=value, ...)}. Values are {@link Long} (integers), {@link Double} (floats),
 * {@link Boolean}, {@link String} (bare identifiers such as {@code e2vid}, or quoted strings), {@link java.util.List}
 * (tuples and lists), or {@code null} ({@code None}: the parameter's default).
 */
public record TransformSpec(String name, Map<String, Object> args, String text) {

  public TransformSpec {
    args = Collections.unmodifiableMap(new LinkedHashMap<>(args));
  }

  /** Parses one spec string. */
  public static TransformSpec parse(String text) {
    return SpecParser.parse(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
