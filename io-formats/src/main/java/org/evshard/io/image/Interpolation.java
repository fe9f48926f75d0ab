package org.evshard.io.image;

import java.util.Locale;
import org.opencv.imgproc.Imgproc;

/** OpenCV interpolation flags under img2dataset's names ({@code _INTER_STR_TO_CV2} in img2dataset/resizer.py). */
public enum Interpolation {
  NEAREST(Imgproc.INTER_NEAREST),
  LINEAR(Imgproc.INTER_LINEAR),
  CUBIC(Imgproc.INTER_CUBIC),
  AREA(Imgproc.INTER_AREA),
  LANCZOS(Imgproc.INTER_LANCZOS4);

  private final int cvFlag;

  Interpolation(int cvFlag) {
    this.cvFlag = cvFlag;
  }

  /** The {@code cv::InterpolationFlags} value. */
  public int cvFlag() {
    return cvFlag;
  }

  /** Parses img2dataset's names, case-insensitively: also {@code bilinear}, {@code bicubic}, {@code lanczos4}. */
  public static Interpolation ofName(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "nearest":
        return NEAREST;
      case "linear":
      case "bilinear":
        return LINEAR;
      case "cubic":
      case "bicubic":
        return CUBIC;
      case "area":
        return AREA;
      case "lanczos":
      case "lanczos4":
        return LANCZOS;
      default:
        throw new IllegalArgumentException("Invalid option for interpolation: " + name);
    }
  }
}
