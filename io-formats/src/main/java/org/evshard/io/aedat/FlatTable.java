package org.evshard.io.aedat;

import org.evshard.io.error.CorruptInputException;

/**
 * A bounds-checked view of one FlatBuffers table inside {@code b[start, end)}: every offset read from the bytes is
 * checked against the region before it is followed, so corrupt input ends in a {@link CorruptInputException} naming
 * the file offset of the region ({@code where}). Little endian, as FlatBuffers always is.
 */
final class FlatTable {

  private final byte[] b;
  private final int start;
  private final int end;
  private final String source;
  private final long where;
  private final int table;
  private final int vtable;
  private final int vtableSize;

  private FlatTable(byte[] b, int start, int end, String source, long where, int table) {
    this.b = b;
    this.start = start;
    this.end = end;
    this.source = source;
    this.where = where;
    this.table = table;
    long vt = (long) table - readInt(table);
    check(vt, 4, "vtable");
    this.vtable = (int) vt;
    int size = readShort(vtable);
    if (size < 4 || (size & 1) != 0) {
      throw corrupt("vtable size " + size + " is not an even number >= 4");
    }
    check(vtable, size, "vtable");
    this.vtableSize = size;
  }

  /** The root table of the buffer that starts at {@code start} (its first 4 bytes are the root offset). */
  static FlatTable root(byte[] b, int start, int end, String source, long where) {
    if (end - start < 8) {
      throw new CorruptInputException(source, where, "a FlatBuffer of " + (end - start) + " bytes is too short");
    }
    long t = start + Integer.toUnsignedLong(LE.getInt(b, start));
    if (t + 4 > end) {
      throw new CorruptInputException(source, where, "FlatBuffer root table at " + (t - start)
          + " lies outside the buffer of " + (end - start) + " bytes");
    }
    return new FlatTable(b, start, end, source, where, (int) t);
  }

  /** The table the uoffset at {@code p} (e.g. an element of a vector of tables) points to, in the same buffer. */
  FlatTable tableAt(int p) {
    long t = p + Integer.toUnsignedLong(readInt(p));
    check(t, 4, "table");
    return new FlatTable(b, start, end, source, where, (int) t);
  }

  /** Position of the inline struct of {@code bytes} bytes at field {@code index}, or -1 when absent. */
  int struct(int index, int bytes) {
    int f = field(index);
    if (f >= 0) {
      check(f, bytes, "struct field");
    }
    return f;
  }

  /** The buffer's file identifier (bytes 4..7 after the root offset at {@code start}), as text. */
  String identifier() {
    check(start + 4L, 4, "file identifier");
    return new String(b, start + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** Position of field {@code index} in the table, or -1 when the field is absent (default value). */
  int field(int index) {
    int slot = 4 + 2 * index;
    if (slot + 2 > vtableSize) {
      return -1;
    }
    int off = readShort(vtable + slot);
    return off == 0 ? -1 : table + off;
  }

  int intField(int index, int dflt) {
    int f = field(index);
    return f < 0 ? dflt : readInt(f);
  }

  long longField(int index, long dflt) {
    int f = field(index);
    if (f < 0) {
      return dflt;
    }
    check(f, 8, "int64 field");
    return LE.getLong(b, f);
  }

  /** Where the uoffset at field {@code index} points (a vector or string: its uint32 length), or -1 if absent. */
  int target(int index) {
    int f = field(index);
    if (f < 0) {
      return -1;
    }
    long t = f + Integer.toUnsignedLong(readInt(f));
    check(t, 4, "vector");
    return (int) t;
  }

  /**
   * Position of the first element of the vector at field {@code index}, after checking that {@code length} elements
   * of {@code elementBytes} fit; {@code length[0]} receives the count. Returns -1 (count 0) when absent.
   */
  int vector(int index, int elementBytes, int[] length) {
    int v = target(index);
    if (v < 0) {
      length[0] = 0;
      return -1;
    }
    long n = Integer.toUnsignedLong(readInt(v));
    check(v + 4L, n * elementBytes, "vector of " + n + " elements of " + elementBytes + " bytes");
    length[0] = (int) n;
    return v + 4;
  }

  /** The UTF-8 string at field {@code index}, or null when absent. */
  String string(int index) {
    int[] n = new int[1];
    int s = vector(index, 1, n);
    return s < 0 ? null : new String(b, s, n[0], java.nio.charset.StandardCharsets.UTF_8);
  }

  private int readInt(int p) {
    check(p, 4, "int32");
    return LE.getInt(b, p);
  }

  private int readShort(int p) {
    check(p, 2, "uint16");
    return LE.getShort(b, p) & 0xFFFF;
  }

  private void check(long p, long len, String what) {
    if (p < start || len < 0 || p + len > end) {
      throw corrupt(what + " at " + (p - start) + " (+" + len + " bytes) lies outside the FlatBuffer of "
          + (end - start) + " bytes");
    }
  }

  private CorruptInputException corrupt(String message) {
    return new CorruptInputException(source, where, message);
  }
}
