package org.evshard.io.npy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evshard.io.error.CorruptInputException;

/**
 * The subset of Python literals an NPY header uses: dicts with string keys, lists, tuples (both read as
 * {@code List}), strings, integers ({@code Long}, Python 2's {@code 10L} too) and {@code True}/{@code False}.
 * Errors name the byte offset in the file ({@code base} plus the position in the header).
 */
final class PyLiteral {

  private static final int MAX_DEPTH = 16;

  private final String text;
  private final String source;
  private final long base;
  private int pos;

  private PyLiteral(String text, String source, long base) {
    this.text = text;
    this.source = source;
    this.base = base;
  }

  /** Parses one literal that fills {@code text} (surrounding white space allowed). */
  static Object parse(String text, String source, long base) {
    PyLiteral p = new PyLiteral(text, source, base);
    Object v = p.value(0);
    p.skipSpace();
    if (p.pos != text.length()) {
      throw p.error("end of the header dictionary", "'" + p.text.charAt(p.pos) + "'");
    }
    return v;
  }

  /** Python's {@code repr} of a string (quotes chosen as Python chooses them). */
  static String repr(String s) {
    char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder b = new StringBuilder().append(q);
    for (char c : s.toCharArray()) {
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c == q) {
            b.append('\\');
          }
          b.append(c);
        }
      }
    }
    return b.append(q).toString();
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("at most " + MAX_DEPTH + " nested brackets", "deeper nesting");
    }
    skipSpace();
    if (pos >= text.length()) {
      throw error("a value", "end of header");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return dict(depth);
      case '[':
        return sequence(']', depth);
      case '(':
        return sequence(')', depth);
      case '\'':
      case '"':
        return string();
      default:
        if (c == '-' || Character.isDigit(c)) {
          return integer();
        }
        if (text.startsWith("True", pos)) {
          pos += 4;
          return Boolean.TRUE;
        }
        if (text.startsWith("False", pos)) {
          pos += 5;
          return Boolean.FALSE;
        }
        throw error("a Python literal", "'" + c + "'");
    }
  }

  private Map<String, Object> dict(int depth) {
    Map<String, Object> m = new LinkedHashMap<>();
    pos++;
    while (true) {
      skipSpace();
      if (peek() == '}') {
        pos++;
        return m;
      }
      int keyAt = pos;
      Object key = value(depth + 1);
      if (!(key instanceof String k)) {
        pos = keyAt;
        throw error("a string key", String.valueOf(key));
      }
      skipSpace();
      expect(':');
      if (m.put(k, value(depth + 1)) != null) {
        pos = keyAt;
        throw error("each key once", "a second '" + k + "'");
      }
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else if (peek() != '}') {
        throw error("',' or '}'", describePeek());
      }
    }
  }

  private List<Object> sequence(char close, int depth) {
    List<Object> l = new ArrayList<>();
    pos++;
    while (true) {
      skipSpace();
      if (peek() == close) {
        pos++;
        return l;
      }
      l.add(value(depth + 1));
      skipSpace();
      if (peek() == ',') {
        pos++;
      } else if (peek() != close) {
        throw error("',' or '" + close + "'", describePeek());
      }
    }
  }

  private String string() {
    char q = text.charAt(pos++);
    StringBuilder b = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == q) {
        return b.toString();
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (pos >= text.length()) {
        break;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '\\', '\'', '"' -> b.append(e);
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        default -> {
          pos -= 2;
          throw error("a simple escape (\\\\, \\', \\\", \\n, \\t, \\r)", "'\\" + e + "'");
        }
      }
    }
    throw error("a closing " + q, "end of header");
  }

  private Long integer() {
    int start = pos;
    if (text.charAt(pos) == '-') {
      pos++;
    }
    while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
      pos++;
    }
    String digits = text.substring(start, pos);
    if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
      pos++; // Python 2 long literal
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      pos = start;
      throw error("an integer that fits 64 bits", "'" + digits + "'");
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("'" + c + "'", describePeek());
    }
    pos++;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private String describePeek() {
    return pos < text.length() ? "'" + text.charAt(pos) + "'" : "end of header";
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private CorruptInputException error(String expected, String found) {
    return new CorruptInputException(source, base + pos, "NPY header: expected " + expected + ", found " + found);
  }
}
