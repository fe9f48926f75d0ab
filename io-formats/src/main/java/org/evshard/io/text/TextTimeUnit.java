package org.evshard.io.text;

import java.util.Locale;

/**
 * Unit of the timestamp column of a text event file. Conversion to microseconds is done on the decimal digits, never
 * through a {@code double}: {@code 0.003811000} seconds is exactly 3811 us; digits finer than a microsecond are
 * truncated (dropped), as converting the exact decimal to an integer would.
 */
public enum TextTimeUnit {
  /** Seconds, usually with a fraction (RPG event-camera dataset, rpg_e2vid). */
  SECONDS("s", 6),
  MILLISECONDS("ms", 3),
  MICROSECONDS("us", 0),
  NANOSECONDS("ns", -3);

  private final String symbol;
  private final int decimalShift;

  TextTimeUnit(String symbol, int decimalShift) {
    this.symbol = symbol;
    this.decimalShift = decimalShift;
  }

  /** Short name used in options: {@code s}, {@code ms}, {@code us}, {@code ns}. */
  public String symbol() {
    return symbol;
  }

  /** Power of ten that turns a value in this unit into microseconds (6 for seconds, -3 for nanoseconds). */
  public int decimalShift() {
    return decimalShift;
  }

  /** Parses a symbol ({@code s}, {@code ms}, {@code us}, {@code ns}) or a constant name, case-insensitive. */
  public static TextTimeUnit parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    for (TextTimeUnit u : values()) {
      if (u.symbol.equals(t) || u.name().toLowerCase(Locale.ROOT).equals(t)) {
        return u;
      }
    }
    throw new IllegalArgumentException("time unit '" + text + "': expected one of s, ms, us, ns");
  }
}
