package org.evshard.io.datacomp;

/**
 * One face bounding box of a DataComp pool row ({@code face_bboxes}), normalised to the image size: {@code x1, y1}
 * top-left and {@code x2, y2} bottom-right corners in [0, 1], as img2dataset's blurrer reads them. Kept as the
 * doubles the metadata stores.
 */
public record FaceBox(double x1, double y1, double x2, double y2) {

  /** The four coordinates in file order {@code [x1, y1, x2, y2]}. */
  public double[] toArray() {
    return new double[] {x1, y1, x2, y2};
  }
}
