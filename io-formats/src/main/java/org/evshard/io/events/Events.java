package org.evshard.io.events;

import java.util.Arrays;

/**
 * One recording (or one slice of it) as four equally long primitive columns: {@code x}, {@code y} (pixel address,
 * origin top-left), {@code t} (microseconds) and {@code p} (true = ON).
 *
 * <p>The arrays are owned by this value and are never modified after construction: code that receives an
 * {@code Events} reads the columns directly (no copies on hot paths) and must not write into them. Kernels that
 * produce events allocate new arrays.
 */
public final class Events {

  private static final Events EMPTY = new Events(new short[0], new short[0], new long[0], new boolean[0]);

  private final short[] x;
  private final short[] y;
  private final long[] t;
  private final boolean[] p;

  private Events(short[] x, short[] y, long[] t, boolean[] p) {
    this.x = x;
    this.y = y;
    this.t = t;
    this.p = p;
  }

  /** Wraps the given columns, which the caller hands over and must not modify afterwards. */
  public static Events wrap(short[] x, short[] y, long[] t, boolean[] p) {
    if (x.length != y.length || x.length != t.length || x.length != p.length) {
      throw new IllegalArgumentException("event columns differ in length: x=" + x.length + " y=" + y.length
          + " t=" + t.length + " p=" + p.length);
    }
    return new Events(x, y, t, p);
  }

  /** Copies the first {@code n} entries of the given columns. */
  public static Events copyOf(short[] x, short[] y, long[] t, boolean[] p, int n) {
    return new Events(Arrays.copyOf(x, n), Arrays.copyOf(y, n), Arrays.copyOf(t, n), Arrays.copyOf(p, n));
  }

  public static Events empty() {
    return EMPTY;
  }

  public int size() {
    return t.length;
  }

  public boolean isEmpty() {
    return t.length == 0;
  }

  /** The x column; read only. */
  public short[] x() {
    return x;
  }

  /** The y column; read only. */
  public short[] y() {
    return y;
  }

  /** The t column (microseconds); read only. */
  public long[] t() {
    return t;
  }

  /** The polarity column (true = ON); read only. */
  public boolean[] p() {
    return p;
  }

  /** Events {@code from} (inclusive) to {@code to} (exclusive), copied. */
  public Events slice(int from, int to) {
    if (from < 0 || to > size() || from > to) {
      throw new IndexOutOfBoundsException("slice [" + from + ", " + to + ") of " + size() + " events");
    }
    return new Events(Arrays.copyOfRange(x, from, to), Arrays.copyOfRange(y, from, to),
        Arrays.copyOfRange(t, from, to), Arrays.copyOfRange(p, from, to));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Events e && Arrays.equals(t, e.t) && Arrays.equals(x, e.x) && Arrays.equals(y, e.y)
        && Arrays.equals(p, e.p);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * (31 * Arrays.hashCode(t) + Arrays.hashCode(x)) + Arrays.hashCode(y)) + Arrays.hashCode(p);
  }

  @Override
  public String toString() {
    int n = size();
    return n == 0 ? "Events[0]" : "Events[" + n + ", t=" + t[0] + ".." + t[n - 1] + "]";
  }
}
