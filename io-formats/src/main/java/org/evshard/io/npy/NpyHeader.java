package org.evshard.io.npy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.UnsupportedFormatException;

/**
 * The header of an NPY file (format versions 1.0, 2.0 and 3.0): magic {@code \x93NUMPY}, version, header length
 * (u16 for 1.0, u32 for 2.0/3.0, little endian) and a Python dict literal with {@code descr}, {@code fortran_order}
 * and {@code shape}, padded so that the data starts on a 64-byte boundary.
 */
public final class NpyHeader {

  /** The six magic bytes every NPY file starts with. */
  public static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  /** numpy pads the header so that data starts at a multiple of this. */
  static final int ALIGN = 64;
  /** numpy leaves room for this many digits of the first axis so that the array can grow in place. */
  static final int GROWTH_AXIS_MAX_DIGITS = 21;
  private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

  private final int major;
  private final int minor;
  private final NpyDtype dtype;
  private final boolean fortranOrder;
  private final long[] shape;
  private final long dataOffset;

  private NpyHeader(int major, int minor, NpyDtype dtype, boolean fortranOrder, long[] shape, long dataOffset) {
    this.major = major;
    this.minor = minor;
    this.dtype = dtype;
    this.fortranOrder = fortranOrder;
    this.shape = shape;
    this.dataOffset = dataOffset;
  }

  /** A C-order header for writing; the version is the oldest that can hold it, as numpy chooses. */
  public static NpyHeader of(NpyDtype dtype, long[] shape) {
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("negative dimension in shape " + shapeRepr(shape));
      }
    }
    NpyHeader h = new NpyHeader(1, 0, dtype, false, shape.clone(), 0);
    int len = h.toBytes().length;
    return new NpyHeader(len - 10 > 0xFFFF ? 2 : 1, 0, dtype, false, shape.clone(), len);
  }

  /** True when the first bytes are the NPY magic. */
  public static boolean hasMagic(byte[] head, int length) {
    if (length < MAGIC.length) {
      return false;
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (head[i] != MAGIC[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reads the header from the start of {@code in}, leaving the stream at the first data byte.
   *
   * @param maxHeaderBytes the largest header length accepted, checked before the header is read
   */
  public static NpyHeader read(InputStream in, String source, int maxHeaderBytes) throws IOException {
    byte[] pre = in.readNBytes(10);
    if (pre.length < 8 || !hasMagic(pre, pre.length)) {
      if (pre.length == 0) {
        throw new CorruptInputException(source, 0, "empty file: expected the NPY magic \\x93NUMPY");
      }
      throw new CorruptInputException(source, 0, "NPY magic \\x93NUMPY followed by a version",
          "0x" + HexFormat.of().formatHex(pre, 0, Math.min(pre.length, 8)));
    }
    int major = pre[6] & 0xFF;
    int minor = pre[7] & 0xFF;
    if (minor != 0 || major < 1 || major > 3) {
      throw new UnsupportedFormatException(source, 6,
          "NPY format version " + major + "." + minor + "; evshard reads 1.0, 2.0 and 3.0");
    }
    int lenBytes = major == 1 ? 2 : 4;
    byte[] more = major == 1 ? new byte[0] : in.readNBytes(2);
    if (pre.length + more.length < 8 + lenBytes) {
      throw new CorruptInputException(source, pre.length + more.length,
          "file ends inside the NPY header length field (" + lenBytes + " bytes at offset 8)");
    }
    long headerLen = (pre[8] & 0xFF) | (pre[9] & 0xFF) << 8;
    if (major > 1) {
      headerLen |= (long) (more[0] & 0xFF) << 16 | (long) (more[1] & 0xFF) << 24;
    }
    long start = 8 + lenBytes;
    if (headerLen > maxHeaderBytes) {
      throw new LimitExceededException(source, 8, "NPY header length", headerLen, maxHeaderBytes);
    }
    byte[] text = in.readNBytes((int) headerLen);
    if (text.length < headerLen) {
      throw new CorruptInputException(source, start + text.length,
          "NPY header declares " + headerLen + " bytes but the file ends after " + text.length);
    }
    Charset cs = major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    Object parsed = PyLiteral.parse(new String(text, cs), source, start);
    return interpret(parsed, source, start, major, start + headerLen);
  }

  private static NpyHeader interpret(Object parsed, String source, long start, int major, long dataOffset) {
    if (!(parsed instanceof Map<?, ?> dict)) {
      throw new CorruptInputException(source, start, "NPY header: expected a dict literal, found " + parsed);
    }
    if (!dict.keySet().equals(KEYS)) {
      throw new CorruptInputException(source, start,
          "NPY header keys: expected " + KEYS + " (in any order), found " + dict.keySet());
    }
    if (!(dict.get("fortran_order") instanceof Boolean fortran)) {
      throw new CorruptInputException(source, start, "NPY header: fortran_order must be True or False, found "
          + dict.get("fortran_order"));
    }
    if (!(dict.get("shape") instanceof List<?> dims)) {
      throw new CorruptInputException(source, start, "NPY header: shape must be a tuple, found " + dict.get("shape"));
    }
    long[] shape = new long[dims.size()];
    for (int i = 0; i < shape.length; i++) {
      if (!(dims.get(i) instanceof Long d) || d < 0) {
        throw new CorruptInputException(source, start,
            "NPY header: shape entries must be non-negative integers, found " + dims);
      }
      shape[i] = d;
    }
    NpyDtype dtype = parseDtype(dict.get("descr"), source, start);
    return new NpyHeader(major, 0, dtype, fortran, shape, dataOffset);
  }

  private static NpyDtype parseDtype(Object descr, String source, long at) {
    if (descr instanceof String s) {
      NpyElementType t = NpyElementType.parse(s);
      if (t == null) {
        throw unsupported(source, at, "'" + s + "'");
      }
      return NpyDtype.scalar(t);
    }
    if (!(descr instanceof List<?> items) || items.isEmpty()) {
      throw new CorruptInputException(source, at, "NPY header: descr must be a type string or a list of fields, found "
          + descr);
    }
    List<String> names = new ArrayList<>();
    List<NpyElementType> types = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof String name)
          || !(pair.get(1) instanceof String type) || name.isEmpty()) {
        throw unsupported(source, at, "field " + item + " (only (name, scalar type) pairs are read)");
      }
      NpyElementType t = NpyElementType.parse(type);
      if (t == null) {
        throw unsupported(source, at, "'" + type + "' of field '" + name + "'");
      }
      if (names.contains(name)) {
        throw new CorruptInputException(source, at, "NPY header: field '" + name + "' appears twice");
      }
      names.add(name);
      types.add(t);
    }
    return NpyDtype.ofFields(names, types);
  }

  private static UnsupportedFormatException unsupported(String source, long at, String what) {
    return new UnsupportedFormatException(source, at, "NPY dtype " + what + " is not supported; evshard reads "
        + "b1, i1, u1, i2, u2, i4, u4, i8, u8, f2, f4, f8 in either byte order, and structs of them");
  }

  /** The header bytes numpy's {@code np.save} writes for this dtype and shape (magic through the final newline). */
  public byte[] toBytes() {
    StringBuilder dict = new StringBuilder("{'descr': ").append(dtype.descr()).append(", 'fortran_order': ")
        .append(fortranOrder ? "True" : "False").append(", 'shape': ").append(shapeRepr(shape)).append(", }");
    if (shape.length > 0) {
      long growthAxis = shape[fortranOrder ? shape.length - 1 : 0];
      dict.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Long.toString(growthAxis).length())));
    }
    byte[] text = dict.toString().getBytes(StandardCharsets.ISO_8859_1);
    int hlen = text.length + 1;
    int lenBytes = 2;
    int pad = ALIGN - ((MAGIC.length + 2 + lenBytes + hlen) % ALIGN);
    if (lenBytes == 2 && hlen + pad > 0xFFFF) {
      lenBytes = 4;
      pad = ALIGN - ((MAGIC.length + 2 + lenBytes + hlen) % ALIGN);
    }
    int total = hlen + pad;
    byte[] out = new byte[MAGIC.length + 2 + lenBytes + total];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    out[6] = (byte) (lenBytes == 2 ? 1 : 2);
    out[7] = 0;
    for (int i = 0; i < lenBytes; i++) {
      out[8 + i] = (byte) (total >>> (8 * i));
    }
    int at = 8 + lenBytes;
    System.arraycopy(text, 0, out, at, text.length);
    java.util.Arrays.fill(out, at + text.length, out.length - 1, (byte) ' ');
    out[out.length - 1] = '\n';
    return out;
  }

  static String shapeRepr(long[] shape) {
    if (shape.length == 1) {
      return "(" + shape[0] + ",)";
    }
    StringBuilder b = new StringBuilder("(");
    for (int i = 0; i < shape.length; i++) {
      b.append(i == 0 ? "" : ", ").append(shape[i]);
    }
    return b.append(')').toString();
  }

  /** Product of the shape, or -1 when it does not fit a {@code long}. */
  public long elementCount() {
    long n = 1;
    for (long d : shape) {
      if (d == 0) {
        return 0;
      }
    }
    for (long d : shape) {
      if (n > Long.MAX_VALUE / d) {
        return -1;
      }
      n *= d;
    }
    return n;
  }

  public int majorVersion() {
    return major;
  }

  public int minorVersion() {
    return minor;
  }

  public NpyDtype dtype() {
    return dtype;
  }

  public boolean fortranOrder() {
    return fortranOrder;
  }

  public long[] shape() {
    return shape.clone();
  }

  /** Offset of the first data byte (the header's total length). */
  public long dataOffset() {
    return dataOffset;
  }

  @Override
  public String toString() {
    return "NPY " + major + "." + minor + " " + dtype.descr() + " shape " + shapeRepr(shape)
        + (fortranOrder ? " fortran order" : "");
  }
}
