package org.evshard.transforms.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recursive-descent parser of {@code name(key=value, ...)}: integers, floats ({@code 1.5}, {@code 1e4}), booleans
 * ({@code True}/{@code true}), {@code None}, bare identifiers, quoted strings, tuples {@code (1, 2)} and lists
 * {@code [(1, 2), (3, 4)]}. A name alone ({@code flip_lr}) or with empty parentheses is a spec without arguments.
 */
final class SpecParser {

  /**
   * Deepest nesting of tuples and lists: no parameter takes more than a list of tuples (two levels); without a bound,
   * ten thousand '(' overflowed the parser's stack (a {@code StackOverflowError}, not a syntax error).
   */
  static final int MAX_NESTING = 16;

  private final String s;
  private int pos;

  private SpecParser(String s) {
    this.s = s;
  }

  static TransformSpec parse(String text) {
    if (text == null) {
      throw new SpecSyntaxException("null", 0, "no spec given");
    }
    SpecParser p = new SpecParser(text);
    return p.spec();
  }

  private TransformSpec spec() {
    skipSpace();
    if (pos >= s.length()) {
      throw error("empty spec: expected a transform name such as denoise(filter_time=10000)");
    }
    String name = identifier("a transform name");
    Map<String, Object> args = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '(') {
      pos++;
      skipSpace();
      while (peek() != ')') {
        int at = pos;
        if (!isIdentStart(peek())) {
          throw error(pos >= s.length() ? "missing ')'" : "expected a parameter name (key=value)");
        }
        String key = identifier("a parameter name");
        skipSpace();
        if (peek() != '=') {
          throw error("expected '=' after parameter '" + key + "' (parameters are key=value; positional values are"
              + " not supported)");
        }
        pos++;
        skipSpace();
        Object v = value(0);
        if (args.containsKey(key)) {
          pos = at;
          throw error("parameter '" + key + "' given twice");
        }
        args.put(key, v);
        skipSpace();
        if (peek() == ',') {
          pos++;
          skipSpace();
        } else if (peek() != ')') {
          throw error(pos >= s.length() ? "missing ')'" : "expected ',' or ')'");
        }
      }
      pos++;
    }
    skipSpace();
    if (pos < s.length()) {
      throw error("unexpected text after the spec");
    }
    return new TransformSpec(name, args, s.trim());
  }

  private Object value(int depth) {
    char c = peek();
    if (c == '(' || c == '[') {
      if (depth == MAX_NESTING) {
        throw error("tuples and lists nested more than " + MAX_NESTING + " deep");
      }
      char close = c == '(' ? ')' : ']';
      pos++;
      List<Object> items = new ArrayList<>();
      skipSpace();
      while (peek() != close) {
        int at = pos;
        Object item = value(depth + 1);
        if (item == null) { // no parameter takes a tuple or list with a missing element
          pos = at;
          throw error("None is not allowed inside a tuple or list");
        }
        items.add(item);
        skipSpace();
        if (peek() == ',') {
          pos++;
          skipSpace();
        } else if (peek() != close) {
          throw error(pos >= s.length() ? "missing '" + close + "'" : "expected ',' or '" + close + "'");
        }
      }
      pos++;
      return List.copyOf(items);
    }
    if (c == '"' || c == '\'') {
      int end = s.indexOf(c, pos + 1);
      if (end < 0) {
        throw error("unterminated string");
      }
      String v = s.substring(pos + 1, end);
      pos = end + 1;
      return v;
    }
    if (c == '-' || c == '+' || c == '.' || Character.isDigit(c)) {
      return number();
    }
    if (isIdentStart(c)) {
      String word = identifier("a value");
      return switch (word) {
        case "True", "true" -> Boolean.TRUE;
        case "False", "false" -> Boolean.FALSE;
        case "None", "null" -> null;
        case "inf" -> Double.POSITIVE_INFINITY;
        default -> word;
      };
    }
    throw error(pos >= s.length() ? "expected a value, found the end of the spec" : "expected a value");
  }

  private Object number() {
    int start = pos;
    if (peek() == '-' || peek() == '+') {
      pos++;
    }
    boolean isFloat = false;
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (Character.isDigit(c) || c == '_') {
        pos++;
      } else if (c == '.' || c == 'e' || c == 'E') {
        isFloat = true;
        pos++;
        if ((c == 'e' || c == 'E') && (peek() == '-' || peek() == '+')) {
          pos++;
        }
      } else {
        break;
      }
    }
    String text = s.substring(start, pos).replace("_", "");
    try {
      if (isFloat) {
        return Double.parseDouble(text);
      }
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("'" + s.substring(start, Math.max(start + 1, Math.min(s.length(), start + text.length())))
          + "' is not a number" + (isFloat ? "" : " (or does not fit a 64-bit integer)"));
    }
  }

  private String identifier(String what) {
    int start = pos;
    if (!isIdentStart(peek())) {
      throw error("expected " + what);
    }
    while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
      pos++;
    }
    return s.substring(start, pos);
  }

  private static boolean isIdentStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private char peek() {
    return pos < s.length() ? s.charAt(pos) : '\0';
  }

  private void skipSpace() {
    while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
      pos++;
    }
  }

  private SpecSyntaxException error(String problem) {
    return new SpecSyntaxException(s, pos, problem);
  }
}
