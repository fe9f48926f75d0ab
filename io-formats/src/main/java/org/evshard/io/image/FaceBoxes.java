package org.evshard.io.image;

import java.util.Arrays;

/**
 * Face bounding boxes in img2dataset's (albumentations') normalised form: {@code x1, y1, x2, y2} in [0, 1] relative
 * to the image's width and height, four values per box. The precision the boxes were stored in is kept, because
 * img2dataset scales them in that precision before truncating to whole pixels ({@code int(bbox[0] * width)}):
 * a float32 box from a {@code .npy} file and the same box as a parquet float64 can land one pixel apart
 * (0.6015424f * 389 is exactly 234 in float32 and 233.99999... in float64). Immutable.
 */
public final class FaceBoxes {

  private static final FaceBoxes NONE = new FaceBoxes(new double[0], false);

  private final double[] xyxy;
  private final boolean float32;

  private FaceBoxes(double[] xyxy, boolean float32) {
    if (xyxy.length % 4 != 0) {
      throw new IllegalArgumentException("face boxes hold 4 values each (x1, y1, x2, y2), got " + xyxy.length);
    }
    for (double v : xyxy) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("face box coordinates must be finite, got " + v);
      }
    }
    this.xyxy = xyxy;
    this.float32 = float32;
  }

  /** Boxes stored as float64 (parquet {@code list<list<double>>}, DataComp's {@code face_bboxes}). */
  public static FaceBoxes ofFloat64(double... xyxy) {
    return new FaceBoxes(xyxy.clone(), false);
  }

  /** Boxes stored as float32 (img2dataset's {@code bbox.npy}). */
  public static FaceBoxes ofFloat32(float... xyxy) {
    double[] d = new double[xyxy.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = xyxy[i];
    }
    return new FaceBoxes(d, true);
  }

  /** No box: blurring leaves the image as it is. */
  public static FaceBoxes none() {
    return NONE;
  }

  public int count() {
    return xyxy.length / 4;
  }

  public boolean isEmpty() {
    return xyxy.length == 0;
  }

  /** Coordinate {@code k} (0..3: x1, y1, x2, y2) of box {@code i}, scaled by {@code size} and truncated toward 0. */
  int pixel(int i, int k, int size) {
    double v = xyxy[i * 4 + k];
    return float32 ? (int) ((float) v * (float) size) : (int) (v * size);
  }

  @Override
  public String toString() {
    return "FaceBoxes" + (float32 ? "[float32]" : "[float64]") + Arrays.toString(xyxy);
  }
}
