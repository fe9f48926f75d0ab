package org.evshard.transforms.curate;

/**
 * IEEE 754 half precision (numpy {@code float16}, the dtype of DataComp's {@code l14_img} embeddings in the pool's
 * {@code .npz} files) to float32, exactly as {@code torch.Tensor.float()} widens it: every half value, subnormals,
 * infinities and NaN included, is exactly representable in float32. Java 17 has no {@code Float.float16ToFloat}.
 */
public final class Float16 {

  private Float16() {}

  /** The float32 value of the half-precision bit pattern {@code bits}. */
  public static float toFloat(short bits) {
    int h = bits & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exponent = (h >>> 10) & 0x1F;
    int mantissa = h & 0x3FF;
    if (exponent == 0x1F) { // infinity or NaN (payload kept in the high mantissa bits)
      return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
    }
    if (exponent == 0) {
      // zero or subnormal: mantissa * 2^-24, exact in float32
      float magnitude = mantissa * 0x1p-24f;
      return sign == 0 ? magnitude : -magnitude;
    }
    return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
  }
}
