package org.evshard.transforms.represent;

import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.Require;
import org.evshard.transforms.Tensor;
import org.evshard.transforms.slice.Slicer;

/**
 * Tonic's {@code bina_rep(n_frames, n_bits)} (Barchid et al. 2022): takes {@code n_frames * n_bits} event frames
 * {@code (T*N, P, H, W)}, binarises them ({@code > 0}) and reads each group of {@code N} consecutive frames as one
 * N-bit number per pixel, earliest frame most significant, scaled to {@code [0, 1]} by {@code 2^N - 1}. Output float32
 * {@code (T, P, H, W)}, bit-exact with Tonic's float32 arithmetic. {@code n_bits} is limited to 2..24 so that every
 * sum is exact in float32.
 */
public final class BinaRep {

  public static final String NAME = "bina_rep";

  private BinaRep() {}

  /** Rejects {@code n_frames < 1} and {@code n_bits} outside 2..24. */
  public static void checkParameters(long nFrames, long nBits) {
    Require.positive(NAME, "n_frames", nFrames);
    if (nFrames > Slicer.MAX_SLICES) { // its n_frames * n_bits input frames come from one slicing
      throw InvalidParameterException.of(NAME, "n_frames", "at most " + Slicer.MAX_SLICES, nFrames);
    }
    if (nBits < 2 || nBits > 24) {
      throw InvalidParameterException.of(NAME, "n_bits", "in 2..24", nBits);
    }
  }

  public static Tensor apply(Tensor frames, long nFrames, long nBits) {
    checkParameters(nFrames, nBits);
    if (frames.rank() != 4 || frames.type() != Tensor.ElementType.INT16) {
      throw new InvalidParameterException(NAME + ": needs int16 event frames (T*N, P, H, W) from frame(...), got "
          + frames);
    }
    if (frames.dim(0) != nFrames * nBits) {
      throw new InvalidParameterException(NAME + ": needs n_frames * n_bits = " + nFrames + " x " + nBits + " = "
          + nFrames * nBits + " input frames, got " + frames.dim(0));
    }
    int per = (int) (frames.dim(1) * frames.dim(2) * frames.dim(3));
    int bits = (int) nBits;
    short[] in = frames.shorts();
    float[] out = new float[Tensor.checkedSize(NAME, Float.BYTES, nFrames, frames.dim(1), frames.dim(2),
        frames.dim(3))];
    float denominator = (float) ((1 << bits) - 1);
    for (int f = 0; f < nFrames; f++) {
      int src = f * bits * per;
      int dst = f * per;
      for (int c = 0; c < per; c++) {
        int v = 0;
        for (int k = 0; k < bits; k++) {
          v = (v << 1) | (in[src + k * per + c] > 0 ? 1 : 0);
        }
        out[dst + c] = (float) v / denominator;
      }
    }
    return Tensor.ofFloat32(new long[] {nFrames, frames.dim(1), frames.dim(2), frames.dim(3)}, out);
  }
}
