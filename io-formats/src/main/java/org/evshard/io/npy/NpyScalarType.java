package org.evshard.io.npy;

/** The numpy scalar types evshard reads: numpy's kind letter and item size in bytes. */
public enum NpyScalarType {
  BOOL('b', 1),
  INT8('i', 1),
  UINT8('u', 1),
  INT16('i', 2),
  UINT16('u', 2),
  INT32('i', 4),
  UINT32('u', 4),
  INT64('i', 8),
  UINT64('u', 8),
  /** IEEE 754 half precision; arrays keep the raw 16-bit patterns, see {@link Float16}. */
  FLOAT16('f', 2),
  FLOAT32('f', 4),
  FLOAT64('f', 8);

  private final char kind;
  private final int size;

  NpyScalarType(char kind, int size) {
    this.kind = kind;
    this.size = size;
  }

  /** numpy's kind letter: {@code b} bool, {@code i} signed, {@code u} unsigned, {@code f} float. */
  public char kind() {
    return kind;
  }

  /** Item size in bytes. */
  public int size() {
    return size;
  }

  public boolean isInteger() {
    return kind == 'i' || kind == 'u';
  }

  /** The type with this kind letter and size, or null when evshard does not read it. */
  static NpyScalarType of(char kind, int size) {
    for (NpyScalarType t : values()) {
      if (t.kind == kind && t.size == size) {
        return t;
      }
    }
    return null;
  }
}
