package org.evshard.transforms.spec;

import java.util.List;
import java.util.Map;
import org.evshard.transforms.InvalidParameterException;

/** The checked arguments of one spec: each getter returns the given value or the default, converted to its type. */
public final class Args {

  private final TransformDef def;
  private final Map<String, Object> values;

  Args(TransformDef def, Map<String, Object> values) {
    this.def = def;
    this.values = values;
  }

  /** True when the parameter was given (and not None). */
  public boolean has(String name) {
    return values.get(name) != null;
  }

  public long getLong(String name) {
    return (Long) get(name);
  }

  public double getDouble(String name) {
    return (Double) get(name);
  }

  public boolean getBool(String name) {
    return (Boolean) get(name);
  }

  public String getChoice(String name) {
    return (String) get(name);
  }

  public long[] getLongs(String name) {
    return (long[]) get(name);
  }

  public int[][] getPairs(String name) {
    return (int[][]) get(name);
  }

  /** The value as converted by {@link #convert}, or the default. */
  private Object get(String name) {
    ParamDef p = def.param(name);
    Object v = values.get(name);
    return v != null ? v : p.defaultValue();
  }

  /** Checks and converts one raw spec value for {@code p}. */
  static Object convert(String transform, ParamDef p, Object v) {
    switch (p.type()) {
      case INT:
        if (v instanceof Long) {
          return v;
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p63) {
          return d.longValue();
        }
        throw typeError(transform, p, v);
      case FLOAT:
        if (v instanceof Long l) {
          return l.doubleValue();
        }
        if (v instanceof Double) {
          return v;
        }
        throw typeError(transform, p, v);
      case BOOL:
        if (v instanceof Boolean) {
          return v;
        }
        throw typeError(transform, p, v);
      case CHOICE:
        if (v instanceof String s && p.choices().contains(s)) {
          return s;
        }
        throw InvalidParameterException.of(transform, p.name(), "one of " + String.join(", ", p.choices()),
            show(v));
      case INTS:
        if (v instanceof List<?> items) {
          long[] out = new long[items.size()];
          for (int i = 0; i < out.length; i++) {
            if (!(items.get(i) instanceof Long l)) {
              throw typeError(transform, p, v);
            }
            out[i] = l;
          }
          return out;
        }
        throw typeError(transform, p, v);
      default:
        if (v instanceof List<?> list) {
          int[][] pairs = new int[list.size()][];
          for (int i = 0; i < list.size(); i++) {
            if (list.get(i) instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Long a
                && pair.get(1) instanceof Long b && a >= 0 && b >= 0 && a <= Short.MAX_VALUE && b <= Short.MAX_VALUE) {
              pairs[i] = new int[] {a.intValue(), b.intValue()};
            } else {
              throw InvalidParameterException.of(transform, p.name(), p.type().description()
                  + " with 0 <= x, y <= 32767", show(v));
            }
          }
          return pairs;
        }
        throw typeError(transform, p, v);
    }
  }

  private static InvalidParameterException typeError(String transform, ParamDef p, Object v) {
    return InvalidParameterException.of(transform, p.name(), p.type().description(), show(v));
  }

  static String show(Object v) {
    if (v instanceof String s) {
      return "'" + s + "'";
    }
    if (v instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (v instanceof List<?> l) {
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < l.size(); i++) {
        b.append(i == 0 ? "" : ", ").append(show(l.get(i)));
      }
      return b.append(']').toString();
    }
    return String.valueOf(v);
  }
}
