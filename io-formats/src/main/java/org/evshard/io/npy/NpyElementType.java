package org.evshard.io.npy;

import java.nio.ByteOrder;

/**
 * One numpy scalar dtype with its byte order, as written in a {@code descr} string: {@code '<i2'}, {@code '>f8'},
 * {@code '|b1'}, or the one-letter {@code '?'} for bool. Types of one byte are order-free ({@code '|'}).
 */
public record NpyElementType(NpyScalarType type, ByteOrder order) {

  public NpyElementType {
    if (type.size() == 1) {
      order = ByteOrder.LITTLE_ENDIAN;
    }
  }

  public static NpyElementType little(NpyScalarType type) {
    return new NpyElementType(type, ByteOrder.LITTLE_ENDIAN);
  }

  public int size() {
    return type.size();
  }

  /**
   * Parses a numpy type string.
   *
   * @return the type, or null when the string is not a scalar type evshard reads
   */
  public static NpyElementType parse(String descr) {
    if (descr.equals("?")) {
      return little(NpyScalarType.BOOL);
    }
    if (descr.length() < 2) {
      return null;
    }
    char o = descr.charAt(0);
    ByteOrder order;
    switch (o) {
      case '<', '|' -> order = ByteOrder.LITTLE_ENDIAN;
      case '>' -> order = ByteOrder.BIG_ENDIAN;
      case '=' -> order = ByteOrder.nativeOrder();
      default -> {
        return null;
      }
    }
    String rest = descr.substring(1);
    if (rest.equals("?")) {
      return little(NpyScalarType.BOOL);
    }
    char kind = rest.charAt(0);
    String digits = rest.substring(1);
    if (digits.isEmpty() || digits.length() > 2 || !digits.chars().allMatch(Character::isDigit)) {
      return null;
    }
    NpyScalarType t = NpyScalarType.of(kind, Integer.parseInt(digits));
    if (t == null || (t.size() > 1 && o == '|')) {
      return null;
    }
    return new NpyElementType(t, order);
  }

  /** The type string numpy writes for this type, e.g. {@code <i2}, {@code |b1}. */
  public String descr() {
    char o = type.size() == 1 ? '|' : order == ByteOrder.BIG_ENDIAN ? '>' : '<';
    return "" + o + type.kind() + type.size();
  }

  @Override
  public String toString() {
    return descr();
  }
}
