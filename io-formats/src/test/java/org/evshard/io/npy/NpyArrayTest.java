package org.evshard.io.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.UnsupportedFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NpyArrayTest {

  static Stream<NpyArray> arraysOfEveryDtype() {
    long[] s23 = {2, 3};
    return Stream.of(
        NpyArray.ofFloat64(s23, new double[] {0, -1.5, Double.NaN, 1e300, Double.MIN_VALUE, -0.0}),
        NpyArray.ofFloat32(s23, new float[] {0, -1.5f, Float.NaN, 1e30f, Float.MIN_VALUE, -0.0f}),
        NpyArray.ofInt64(new long[] {3}, new long[] {Long.MIN_VALUE, (1L << 53) + 1, Long.MAX_VALUE}),
        NpyArray.ofInt32(new long[] {2, 1, 2}, new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE}),
        NpyArray.ofInt16(s23, new short[] {Short.MIN_VALUE, -1, 0, 1, 2, Short.MAX_VALUE}),
        NpyArray.ofInt8(new long[] {4}, new byte[] {-128, -1, 0, 127}),
        NpyArray.ofUint8(new long[] {2, 2}, new byte[] {0, 1, (byte) 200, (byte) 255}),
        NpyArray.ofBool(new long[] {3}, new boolean[] {true, false, true}),
        NpyArray.ofFloat64(new long[] {}, new double[] {42}),
        NpyArray.ofInt16(new long[] {0, 5}, new short[0]));
  }

  static byte[] bytes(NpyArray a) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    a.write(out);
    return out.toByteArray();
  }

  static NpyArray read(byte[] b) throws IOException {
    return NpyArray.read(new ByteArrayInputStream(b), "mem", NpyArray.MAX_DATA_BYTES);
  }

  @ParameterizedTest
  @MethodSource("arraysOfEveryDtype")
  void roundTripsEveryDtype(NpyArray a) throws IOException {
    byte[] b = bytes(a);
    assertEquals(0, (b.length - a.size() * a.elementType().size()) % 64, "header is 64-byte aligned");
    assertEquals('\n', b[b.length - a.size() * a.elementType().size() - 1]);
    NpyArray back = read(b);
    assertEquals(a, back);
    assertArrayEquals(a.shape(), back.shape());
  }

  @Test
  void int64StaysExact() throws IOException {
    long odd = (1L << 60) + 1;
    NpyArray back = read(bytes(NpyArray.ofInt64(new long[] {1}, new long[] {odd})));
    assertEquals(odd, back.getLong(0));
    assertArrayEquals(new long[] {odd}, back.toLongArray());
  }

  @Test
  void readsBigEndian() throws IOException {
    byte[] header = NpyHeader.of(NpyDtype.scalar(new NpyElementType(NpyScalarType.INT32, ByteOrder.BIG_ENDIAN)),
        new long[] {2}).toBytes();
    assertTrue(new String(header, StandardCharsets.ISO_8859_1).contains("'>i4'"));
    byte[] data = ByteBuffer.allocate(8).order(ByteOrder.BIG_ENDIAN).putInt(-2).putInt(70000).array();
    NpyArray a = read(concat(header, data));
    assertArrayEquals(new long[] {-2, 70000}, a.toLongArray());
  }

  @Test
  void readsVersionTwoHeaders() throws IOException {
    byte[] v1 = bytes(NpyArray.ofInt16(new long[] {2}, new short[] {7, -7}));
    int hlen = (v1[8] & 0xFF) | (v1[9] & 0xFF) << 8;
    byte[] v2 = new byte[v1.length + 2];
    System.arraycopy(v1, 0, v2, 0, 8);
    v2[6] = 2;
    ByteBuffer.wrap(v2, 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(hlen);
    System.arraycopy(v1, 10, v2, 12, v1.length - 10);
    NpyArray a = read(v2);
    assertArrayEquals(new long[] {7, -7}, a.toLongArray());
  }

  @Test
  void writesVersionTwoWhenTheHeaderOutgrowsSixteenBits() {
    String[] names = new String[7000];
    NpyElementType[] types = new NpyElementType[names.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = "field" + i;
      types[i] = NpyElementType.little(NpyScalarType.INT8);
    }
    NpyDtype d = NpyDtype.ofFields(Arrays.asList(names), Arrays.asList(types));
    byte[] h = NpyHeader.of(d, new long[] {1}).toBytes();
    assertEquals(2, h[6]);
    assertEquals(0, h.length % 64);
  }

  @Test
  void headerLengthOverTheLimitIsRejectedBeforeReading() {
    byte[] b = new byte[16];
    System.arraycopy(NpyHeader.MAGIC, 0, b, 0, 6);
    b[6] = 2;
    ByteBuffer.wrap(b, 8, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(1 << 30);
    LimitExceededException e = assertThrows(LimitExceededException.class, () -> read(b));
    assertEquals(8, e.offset());
    assertTrue(e.getMessage().contains("1073741824"), e.getMessage());
  }

  @Test
  void headerLongerThanTheFileIsCorrupt() {
    byte[] b = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 100, 0, '{'};
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> read(b));
    assertEquals(11, e.offset());
  }

  @Test
  void fortranOrderIsUnsupported() throws IOException {
    byte[] b = bytes(NpyArray.ofInt16(new long[] {2, 2}, new short[] {1, 2, 3, 4}));
    String s = new String(b, StandardCharsets.ISO_8859_1).replace("'fortran_order': False", "'fortran_order': True ");
    assertThrows(UnsupportedFormatException.class, () -> read(s.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void truncatedDataNamesTheOffset() throws IOException {
    byte[] b = bytes(NpyArray.ofFloat64(new long[] {4}, new double[] {1, 2, 3, 4}));
    byte[] cut = Arrays.copyOf(b, b.length - 3);
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> read(cut));
    assertEquals(cut.length, e.offset());
    assertTrue(e.reason().contains("needs 32 bytes, found 29"), e.getMessage());
  }

  @Test
  void trailingBytesAreCorrupt() throws IOException {
    byte[] b = bytes(NpyArray.ofInt8(new long[] {1}, new byte[] {1}));
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> read(concat(b, new byte[] {0})));
    assertEquals(b.length, e.offset());
  }

  @Test
  void badMagicAndUnknownVersion() {
    assertThrows(CorruptInputException.class, () -> read("not an npy file".getBytes(StandardCharsets.US_ASCII)));
    byte[] v9 = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 9, 0, 0, 0};
    UnsupportedFormatException e = assertThrows(UnsupportedFormatException.class, () -> read(v9));
    assertEquals(6, e.offset());
  }

  @Test
  void dataLargerThanTheLimitIsRejectedBeforeAllocating() throws IOException {
    byte[] h = NpyHeader.of(NpyDtype.scalar(NpyElementType.little(NpyScalarType.FLOAT64)),
        new long[] {1L << 40, 1L << 30}).toBytes();
    assertThrows(LimitExceededException.class, () -> read(h));
    byte[] small = NpyHeader.of(NpyDtype.scalar(NpyElementType.little(NpyScalarType.FLOAT64)),
        new long[] {1000}).toBytes();
    assertThrows(LimitExceededException.class,
        () -> NpyArray.read(new ByteArrayInputStream(small), "mem", 7999));
  }

  @ParameterizedTest
  @MethodSource("arraysOfEveryDtype")
  void writesTheDataInBoundedChunks(NpyArray a) throws IOException {
    int n = a.size() * 97 + 3;
    NpyArray big = switch (a.type()) {
      case BOOL -> {
        boolean[] v = new boolean[n];
        for (int i = 0; i < n; i++) {
          v[i] = i % 3 == 0;
        }
        yield NpyArray.ofBool(new long[] {n}, v);
      }
      default -> {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
          v[i] = i * 31L - 500;
        }
        yield switch (a.type()) {
          case INT8 -> NpyArray.ofInt8(new long[] {n}, bytesOf(v));
          case UINT8 -> NpyArray.ofUint8(new long[] {n}, bytesOf(v));
          case INT16 -> NpyArray.ofInt16(new long[] {n}, shortsOf(v));
          case INT32 -> NpyArray.ofInt32(new long[] {n}, Arrays.stream(v).mapToInt(x -> (int) x).toArray());
          case INT64 -> NpyArray.ofInt64(new long[] {n}, v);
          case FLOAT32 -> NpyArray.ofFloat32(new long[] {n}, floatsOf(v));
          default -> NpyArray.ofFloat64(new long[] {n}, Arrays.stream(v).mapToDouble(x -> x / 7.0).toArray());
        };
      }
    };
    int chunk = 7 * big.elementType().size() + 3; // not a whole number of elements
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    int[] writes = new int[2]; // count, largest
    java.io.OutputStream out = new java.io.FilterOutputStream(sink) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        writes[0]++;
        writes[1] = Math.max(writes[1], len);
        sink.write(b, off, len);
      }
    };
    big.write(out, chunk);
    int header = sink.size() - n * big.elementType().size();
    int perChunk = chunk / big.elementType().size();
    assertEquals(1 + (n + perChunk - 1) / perChunk, writes[0], "the header, then whole elements per chunk");
    assertTrue(writes[1] <= Math.max(chunk, header), "no block over the chunk size: " + writes[1]);
    NpyArray back = read(sink.toByteArray());
    assertEquals(big, back);
    assertArrayEquals(bytes(big), sink.toByteArray(), "chunking does not change the file");
  }

  private static byte[] bytesOf(long[] v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    return b;
  }

  private static short[] shortsOf(long[] v) {
    short[] s = new short[v.length];
    for (int i = 0; i < v.length; i++) {
      s[i] = (short) v[i];
    }
    return s;
  }

  private static float[] floatsOf(long[] v) {
    float[] f = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      f[i] = v[i] / 7.0f;
    }
    return f;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
