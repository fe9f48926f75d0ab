package org.evshard.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Float16Test {

  /**
   * The IEEE 754-2008 binary16 definition, evaluated in double arithmetic: sign s, 5-bit exponent e (bias 15), 10-bit
   * fraction f; e = 0 is subnormal f * 2^-24, e = 31 is infinity (f = 0) or NaN.
   */
  static double reference(int h) {
    int s = (h >>> 15) & 1;
    int e = (h >>> 10) & 0x1F;
    int f = h & 0x3FF;
    double sign = s == 1 ? -1.0 : 1.0;
    if (e == 31) {
      return f == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
    }
    if (e == 0) {
      return sign * Math.scalb((double) f, -24);
    }
    return sign * Math.scalb((double) (1024 + f), e - 25);
  }

  @Test
  void everyHalfPrecisionPatternConvertsExactly() {
    for (int h = 0; h < 65536; h++) {
      float got = Float16.toFloat((short) h);
      double want = reference(h);
      if (Double.isNaN(want)) {
        assertTrue(Float.isNaN(got), Integer.toHexString(h));
      } else {
        assertEquals(want, got, 0.0, Integer.toHexString(h));
        assertEquals(Double.doubleToRawLongBits(want) < 0, Float.floatToRawIntBits(got) < 0, "sign of " + h);
      }
    }
  }

  /** Values from the IEEE 754 binary16 tables (e.g. Wikipedia's "Half-precision floating-point format" examples). */
  @ParameterizedTest
  @CsvSource({"3c00,1.0", "7bff,65504.0", "0001,5.9604644775390625E-8", "03ff,6.097555160522461E-5",
      "0400,6.103515625E-5", "c000,-2.0", "3555,0.333251953125", "3bff,0.99951171875", "7c00,Infinity",
      "fc00,-Infinity"})
  void knownValues(String hex, double value) {
    assertEquals(value, Float16.toFloat((short) Integer.parseInt(hex, 16)), 0.0);
  }

  /**
   * The bytes {@code np.save} writes for {@code np.array([1.0, 65504, 2**-24, -0.0], dtype=np.float16)} (numpy 2.4;
   * header per the NPY 1.0 spec, data little-endian binary16).
   */
  static byte[] numpyFloat16File() {
    String dict = "{'descr': '<f2', 'fortran_order': False, 'shape': (4,), }";
    byte[] header = new byte[128];
    byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 118, 0};
    System.arraycopy(magic, 0, header, 0, 10);
    byte[] text = dict.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(text, 0, header, 10, text.length);
    java.util.Arrays.fill(header, 10 + text.length, 127, (byte) ' ');
    header[127] = '\n';
    byte[] data = {0x00, 0x3c, (byte) 0xff, 0x7b, 0x01, 0x00, 0x00, (byte) 0x80};
    byte[] file = java.util.Arrays.copyOf(header, 136);
    System.arraycopy(data, 0, file, 128, 8);
    return file;
  }

  @Test
  void readsAndWritesNumpysFloat16FileByteForByte() throws IOException {
    byte[] file = numpyFloat16File();
    NpyArray a = NpyArray.read(new ByteArrayInputStream(file), "f2.npy", 1 << 20);
    assertEquals(NpyScalarType.FLOAT16, a.type());
    assertEquals("<f2", a.elementType().descr());
    assertArrayEquals(new float[] {1.0f, 65504f, 0x1p-24f, -0.0f}, a.toFloatArray());
    assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits(a.toFloatArray()[3]));
    assertEquals(65504.0, a.getDouble(1), 0.0);
    assertArrayEquals(new short[] {0x3c00, 0x7bff, 0x0001, (short) 0x8000}, a.float16Bits());
    assertThrows(IllegalStateException.class, () -> a.getLong(0));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    NpyArray.ofFloat16Bits(new long[] {4}, a.float16Bits()).write(out);
    assertArrayEquals(file, out.toByteArray());
  }

  @Test
  void readsBigEndianFloat16() throws IOException {
    NpyHeader h = NpyHeader.of(NpyDtype.scalar(NpyElementType.parse(">f2")), new long[] {2});
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(h.toBytes());
    out.write(new byte[] {(byte) 0xc0, 0x00, 0x35, 0x55});
    NpyArray a = NpyArray.read(new ByteArrayInputStream(out.toByteArray()), "be", 1 << 20);
    assertArrayEquals(new float[] {-2.0f, 0.333251953125f}, a.toFloatArray());
  }

  @Test
  void eventFilesWithAFloat16FieldAreStillRejected() throws IOException {
    NpyDtype d = NpyDtype.ofFields(java.util.List.of("x", "y", "t", "p"), java.util.List.of(
        NpyElementType.parse("<f2"), NpyElementType.parse("<i2"), NpyElementType.parse("<i8"),
        NpyElementType.parse("|b1")));
    byte[] h = NpyHeader.of(d, new long[] {0}).toBytes();
    assertThrows(UnsupportedFormatException.class,
        () -> new NpyEventReader(new ByteArrayInputStream(h), "ev", ReadOptions.defaults()));
  }

  @Test
  void conversionLeavesTheInputAlone() {
    short[] bits = {0x3c00, (short) 0xc000};
    assertArrayEquals(new float[] {1f, -2f}, Float16.toFloats(bits));
    assertArrayEquals(new short[] {0x3c00, (short) 0xc000}, bits);
  }
}
