package org.evshard.io.text;

import java.io.Serializable;
import java.util.Locale;

/**
 * How the columns of a text event file are laid out: the order of the four columns and the unit of the timestamp.
 * Immutable.
 *
 * @param columnOrder the letters {@code t}, {@code x}, {@code y}, {@code p} in file order, e.g. {@code txyp}
 * @param timeUnit unit of the {@code t} column
 */
public record TextLayout(String columnOrder, TextTimeUnit timeUnit) implements Serializable {

  /** Column roles, as indices into {@link #roles()}. */
  static final int T = 0;
  static final int X = 1;
  static final int Y = 2;
  static final int P = 3;

  private static final String ROLES = "txyp";

  public TextLayout {
    if (columnOrder == null || timeUnit == null) {
      throw new IllegalArgumentException("column order and time unit must not be null");
    }
    columnOrder = columnOrder.trim().toLowerCase(Locale.ROOT);
    if (columnOrder.length() != 4 || columnOrder.chars().distinct().count() != 4
        || columnOrder.chars().anyMatch(c -> ROLES.indexOf(c) < 0)) {
      throw new IllegalArgumentException("column order '" + columnOrder
          + "': expected the four letters t, x, y, p once each, e.g. txyp");
    }
  }

  /** {@code t x y p} with t in seconds: the RPG event-camera dataset's {@code events.txt} and rpg_e2vid's text. */
  public static TextLayout rpg() {
    return new TextLayout("txyp", TextTimeUnit.SECONDS);
  }

  /**
   * Parses {@code order=xytp,unit=us} (either key may be left out; the rest comes from {@link #rpg()}).
   */
  public static TextLayout parse(String options) {
    TextLayout l = rpg();
    if (options == null || options.isBlank()) {
      return l;
    }
    for (String part : options.split(",")) {
      String[] kv = part.split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException("text layout option '" + part + "': expected key=value");
      }
      String key = kv[0].trim().toLowerCase(Locale.ROOT);
      switch (key) {
        case "order", "columns" -> l = new TextLayout(kv[1], l.timeUnit());
        case "unit", "time_unit" -> l = new TextLayout(l.columnOrder(), TextTimeUnit.parse(kv[1]));
        default -> throw new IllegalArgumentException("text layout option '" + key + "': known keys are order, unit");
      }
    }
    return l;
  }

  /** For each file column, its role ({@link #T}, {@link #X}, {@link #Y}, {@link #P}). */
  int[] roles() {
    int[] r = new int[4];
    for (int i = 0; i < 4; i++) {
      r[i] = ROLES.indexOf(columnOrder.charAt(i));
    }
    return r;
  }

  @Override
  public String toString() {
    return "order=" + columnOrder + ",unit=" + timeUnit.symbol();
  }
}
