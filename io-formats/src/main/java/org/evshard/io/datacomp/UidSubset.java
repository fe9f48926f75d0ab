package org.evshard.io.datacomp;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.npy.NpyDtype;
import org.evshard.io.npy.NpyElementType;
import org.evshard.io.npy.NpyHeader;
import org.evshard.io.npy.NpyScalarType;

/**
 * A DataComp subset file: the sorted list of 128-bit sample uids that DataComp's {@code resharder.py} keeps. Its
 * format (resharder.py {@code load_subset}, baselines {@code save_uids}): an NPY array of numpy dtype
 * {@code "u8,u8"} (descr {@code [('f0', '<u8'), ('f1', '<u8')]}), one record per uid holding the high and low 64 bits of
 * the 32-hex-digit uid ({@code divmod(int(uid, 16), 2**64)}), sorted ascending so that {@code np.searchsorted} finds
 * them; or the same records raw, without a header (a numpy memmap). A uid may repeat: the resharder writes one copy of
 * the sample per occurrence. Immutable.
 */
public final class UidSubset {

  /** The dtype resharder.py asserts: {@code np.dtype("u8,u8")} on a little-endian machine. */
  public static final NpyDtype DTYPE = NpyDtype.ofFields(List.of("f0", "f1"),
      List.of(NpyElementType.little(NpyScalarType.UINT64), NpyElementType.little(NpyScalarType.UINT64)));
  /** 2^27 uids (2 GiB of records). */
  public static final long DEFAULT_MAX_UIDS = 1L << 27;
  private static final int RECORD = 16;

  private final long[] hi;
  private final long[] lo;

  private UidSubset(long[] hi, long[] lo) {
    this.hi = hi;
    this.lo = lo;
  }

  /** The subset of the given uids (hex strings of up to 32 digits, any case), sorted as resharder.py needs. */
  public static UidSubset of(Collection<String> uids) {
    int n = uids.size();
    long[][] pairs = new long[n][];
    int i = 0;
    for (String u : uids) {
      pairs[i++] = parseUid(u);
    }
    Arrays.sort(pairs, UidSubset::compare);
    long[] hi = new long[n];
    long[] lo = new long[n];
    for (int k = 0; k < n; k++) {
      hi[k] = pairs[k][0];
      lo[k] = pairs[k][1];
    }
    return new UidSubset(hi, lo);
  }

  /**
   * The two 64-bit halves {@code {high, low}} of a uid, as {@code divmod(int(uid, 16), 2**64)}; shorter strings are
   * left-padded with zeros as resharder.py's {@code ascii_lpad(uid, 32, "0")} does.
   */
  public static long[] parseUid(String uid) {
    if (uid.isEmpty() || uid.length() > 32) {
      throw new IllegalArgumentException("a DataComp uid has 1 to 32 hex digits, got '" + uid + "'");
    }
    for (int i = 0; i < uid.length(); i++) {
      if (Character.digit(uid.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("not a hex uid: '" + uid + "'");
      }
    }
    String padded = "0".repeat(32 - uid.length()) + uid;
    return new long[] {Long.parseUnsignedLong(padded.substring(0, 16), 16),
        Long.parseUnsignedLong(padded.substring(16), 16)};
  }

  /** The uid of a record: 32 lower-case hex digits. */
  public static String formatUid(long high, long low) {
    return String.format("%016x%016x", high, low);
  }

  private static int compare(long[] a, long[] b) {
    int c = Long.compareUnsigned(a[0], b[0]);
    return c != 0 ? c : Long.compareUnsigned(a[1], b[1]);
  }

  /** Reads a subset file (NPY or raw records), checking dtype, size limit and sort order. */
  public static UidSubset read(Path file, long maxUids) throws IOException {
    long size = Files.size(file);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return read(in, file.toString(), size, maxUids);
    }
  }

  public static UidSubset read(Path file) throws IOException {
    return read(file, DEFAULT_MAX_UIDS);
  }

  /**
   * Reads a subset from {@code in} (not closed).
   *
   * @param length the stream's length in bytes, or -1 when unknown (needed for the raw format)
   */
  public static UidSubset read(InputStream in, String source, long length, long maxUids) throws IOException {
    InputStream b = in.markSupported() ? in : new BufferedInputStream(in);
    b.mark(6);
    byte[] head = b.readNBytes(6);
    b.reset();
    long count;
    long at;
    if (NpyHeader.hasMagic(head, head.length)) {
      NpyHeader h = NpyHeader.read(b, source, 1 << 16);
      at = h.dataOffset();
      if (!h.dtype().equals(DTYPE) || h.shape().length != 1) {
        throw new UnsupportedFormatException(source, at, "a DataComp subset is a 1-D array of dtype " + DTYPE.descr()
            + " (numpy's \"u8,u8\"), found " + h);
      }
      count = h.shape()[0];
      if (length >= 0 && count > (length - at) / RECORD) {
        throw new CorruptInputException(source, at, "subset header declares " + count + " uids but the file holds "
            + Math.max(0, length - at) / RECORD);
      }
    } else {
      if (length < 0 || length % RECORD != 0) {
        throw new CorruptInputException(source, 0, "a raw subset file (no NPY header) of whole 16-byte records",
            length < 0 ? "a stream of unknown length" : length + " bytes");
      }
      at = 0;
      count = length / RECORD;
    }
    if (count > Math.min(maxUids, Integer.MAX_VALUE - 8)) {
      throw new LimitExceededException(source, at, "subset uid count", count, Math.min(maxUids, Integer.MAX_VALUE - 8));
    }
    return readRecords(b, source, at, (int) count);
  }

  private static UidSubset readRecords(InputStream in, String source, long at, int count) throws IOException {
    long[] hi = new long[Math.min(count, 1 << 16)];
    long[] lo = new long[hi.length];
    byte[] block = new byte[RECORD * 4096];
    int n = 0;
    while (n < count) {
      int want = Math.min(count - n, 4096);
      int got = in.readNBytes(block, 0, want * RECORD);
      if (got < want * RECORD) {
        throw new CorruptInputException(source, at + (long) n * RECORD + got, "subset truncated: " + count
            + " uids declared, the data ends inside uid " + (n + got / RECORD));
      }
      if (n + want > hi.length) { // grow with the data present, never with the header's claim alone
        int cap = (int) Math.min(count, Math.max((long) hi.length * 2, n + want));
        hi = Arrays.copyOf(hi, cap);
        lo = Arrays.copyOf(lo, cap);
      }
      ByteBuffer bb = ByteBuffer.wrap(block, 0, want * RECORD).order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < want; i++, n++) {
        hi[n] = bb.getLong();
        lo[n] = bb.getLong();
        if (n > 0 && compare(new long[] {hi[n - 1], lo[n - 1]}, new long[] {hi[n], lo[n]}) > 0) {
          throw new CorruptInputException(source, at + (long) n * RECORD, "subset not sorted: uid "
              + formatUid(hi[n], lo[n]) + " follows " + formatUid(hi[n - 1], lo[n - 1])
              + " (resharder.py's searchsorted needs ascending order)");
        }
      }
    }
    if (in.read() >= 0) {
      throw new CorruptInputException(source, at + (long) count * RECORD, "trailing bytes after " + count + " uids");
    }
    return new UidSubset(Arrays.copyOf(hi, count), Arrays.copyOf(lo, count));
  }

  /** Writes the subset as {@code np.save} writes a sorted {@code "u8,u8"} array. */
  public void write(OutputStream out) throws IOException {
    out.write(NpyHeader.of(DTYPE, new long[] {hi.length}).toBytes());
    ByteBuffer b = ByteBuffer.allocate(RECORD * 4096).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < hi.length; i++) {
      if (!b.hasRemaining()) {
        out.write(b.array(), 0, b.position());
        b.clear();
      }
      b.putLong(hi[i]).putLong(lo[i]);
    }
    out.write(b.array(), 0, b.position());
  }

  public void write(Path file) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      write(out);
    }
  }

  /** Number of records (repeats included). */
  public int size() {
    return hi.length;
  }

  /** How many times {@code uid} occurs (resharder.py writes that many copies of the sample). */
  public int count(String uid) {
    long[] u = parseUid(uid);
    return upper(u) - lower(u);
  }

  public boolean contains(String uid) {
    return count(uid) > 0;
  }

  /** The uid of record {@code i}, 32 lower-case hex digits. */
  public String uid(int i) {
    return formatUid(hi[i], lo[i]);
  }

  private int lower(long[] u) {
    int a = 0;
    int b = hi.length;
    while (a < b) {
      int m = (a + b) >>> 1;
      if (compare(new long[] {hi[m], lo[m]}, u) < 0) {
        a = m + 1;
      } else {
        b = m;
      }
    }
    return a;
  }

  private int upper(long[] u) {
    int a = 0;
    int b = hi.length;
    while (a < b) {
      int m = (a + b) >>> 1;
      if (compare(new long[] {hi[m], lo[m]}, u) <= 0) {
        a = m + 1;
      } else {
        b = m;
      }
    }
    return a;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UidSubset s && Arrays.equals(hi, s.hi) && Arrays.equals(lo, s.lo);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(hi) + Arrays.hashCode(lo);
  }

  @Override
  public String toString() {
    return "UidSubset[" + hi.length + " uids]";
  }
}
