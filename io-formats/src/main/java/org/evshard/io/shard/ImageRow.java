package org.evshard.io.shard;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of an image shard ({@link ImageShardSchema}): an image as stored (encoded bytes), what it is (label, caption)
 * and where it came from. The arrays are held by reference, never modified by writers.
 *
 * @param sampleId stable id: {@code <dataset>/<key>}, or the DataComp {@code uid} for DataComp pools
 * @param dataset descriptor name, e.g. {@code cifake}
 * @param split split name, e.g. {@code train}; {@code all} when the corpus has no split
 * @param label class index, or null when the corpus has no labels (DataComp)
 * @param labelName class name, null exactly when {@code label} is null
 * @param source where the bytes came from: a path relative to the input root, or {@code <tar>!/<member>}
 * @param caption the caption (DataComp's {@code text}), or null
 * @param width width of the stored image in pixels
 * @param height height of the stored image in pixels
 * @param originalWidth width of the source image before any resize
 * @param originalHeight height of the source image before any resize
 * @param sha256 lower-case hex SHA-256 of the source bytes (before any re-encode), as DataComp's {@code sha256}
 * @param imageFormat {@code jpg}, {@code png} or {@code webp}: the encoding of {@code image}
 * @param image encoded image bytes
 * @param attributes further string columns of the sample (e.g. CIFAKE's CIFAR-10 class), sorted by key, never null
 * @param tensor decoded pixels, HWC uint8 in RGB (or one grey channel) order, or null
 * @param tensorShape {@code [height, width, channels]} of {@code tensor}, null exactly when {@code tensor} is null
 */
public record ImageRow(String sampleId, String dataset, String split, Integer label, String labelName, String source,
    String caption, int width, int height, int originalWidth, int originalHeight, String sha256, String imageFormat,
    byte[] image, Map<String, String> attributes, byte[] tensor, int[] tensorShape) implements java.io.Serializable {

  public ImageRow {
    require("sampleId", sampleId);
    require("dataset", dataset);
    require("split", split);
    require("source", source);
    require("sha256", sha256);
    require("imageFormat", imageFormat);
    if (image == null) {
      throw new IllegalArgumentException("image bytes of " + sampleId + " must not be null");
    }
    if ((label == null) != (labelName == null)) {
      throw new IllegalArgumentException("label and labelName of " + sampleId + " must both be set or both be null");
    }
    if (width <= 0 || height <= 0 || originalWidth <= 0 || originalHeight <= 0) {
      throw new IllegalArgumentException("sizes of " + sampleId + " must be positive, got " + width + "x" + height
          + " (original " + originalWidth + "x" + originalHeight + ")");
    }
    if ((tensor == null) != (tensorShape == null)) {
      throw new IllegalArgumentException("tensor and tensorShape of " + sampleId + " must both be set or both null");
    }
    if (tensor != null) {
      long n = 1;
      for (int d : tensorShape) { // each at least 1 (-32 x -32 x 3 multiplied to a plausible 3,072), no overflow
        n = d < 1 || n < 0 || n > Integer.MAX_VALUE ? -1 : n * d;
      }
      if (tensorShape.length != 3 || n != tensor.length) {
        throw new IllegalArgumentException("tensor of " + sampleId + " has " + tensor.length + " bytes, shape "
            + Arrays.toString(tensorShape) + " (expected [height, width, channels])");
      }
    }
    attributes = attributes == null || attributes.isEmpty() ? Map.of()
        : Collections.unmodifiableMap(new TreeMap<>(attributes));
  }

  /** The same row without the decoded tensor. */
  public ImageRow withoutTensor() {
    return new ImageRow(sampleId, dataset, split, label, labelName, source, caption, width, height, originalWidth,
        originalHeight, sha256, imageFormat, image, attributes, null, null);
  }

  private static void require(String field, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageRow r && sampleId.equals(r.sampleId) && dataset.equals(r.dataset)
        && split.equals(r.split) && java.util.Objects.equals(label, r.label)
        && java.util.Objects.equals(labelName, r.labelName) && source.equals(r.source)
        && java.util.Objects.equals(caption, r.caption) && width == r.width && height == r.height
        && originalWidth == r.originalWidth && originalHeight == r.originalHeight && sha256.equals(r.sha256)
        && imageFormat.equals(r.imageFormat) && Arrays.equals(image, r.image) && attributes.equals(r.attributes)
        && Arrays.equals(tensor, r.tensor) && Arrays.equals(tensorShape, r.tensorShape);
  }

  @Override
  public int hashCode() {
    return sampleId.hashCode() * 31 + Arrays.hashCode(image);
  }

  @Override
  public String toString() {
    return "ImageRow[" + sampleId + ", " + split + ", label=" + label + ", " + width + "x" + height + " "
        + imageFormat + ", " + image.length + " bytes" + (tensor == null ? "" : ", tensor "
        + Arrays.toString(tensorShape)) + "]";
  }
}
