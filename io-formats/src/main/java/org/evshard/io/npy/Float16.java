package org.evshard.io.npy;

/**
 * IEEE 754 binary16 (numpy's {@code float16}) to float, exactly: every half-precision value, subnormals, infinities
 * and NaN payloads included, is representable as a float. Java 17 lacks {@code Float.float16ToFloat} (Java 20); this
 * is the same conversion.
 */
public final class Float16 {

  private Float16() {}

  /** The float with the value of the half-precision bit pattern {@code bits}. */
  public static float toFloat(short bits) {
    int h = bits & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1F;
    int mant = h & 0x03FF;
    if (exp == 0x1F) {
      // infinity or NaN: keep the payload in the top mantissa bits
      return Float.intBitsToFloat(sign | 0x7F80_0000 | (mant << 13));
    }
    if (exp == 0) {
      if (mant == 0) {
        return Float.intBitsToFloat(sign);
      }
      // subnormal half: mant * 2^-24, a normal float
      float v = mant * 0x1p-24f;
      return sign == 0 ? v : -v;
    }
    return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
  }

  /** Converts every element; the input is not changed. */
  public static float[] toFloats(short[] bits) {
    float[] out = new float[bits.length];
    for (int i = 0; i < bits.length; i++) {
      out[i] = toFloat(bits[i]);
    }
    return out;
  }
}
