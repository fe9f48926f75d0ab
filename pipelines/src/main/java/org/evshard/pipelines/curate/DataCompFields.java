package org.evshard.pipelines.curate;

import java.io.Serializable;

/**
 * The DataComp pool metadata of one sample that curation uses (a serializable copy of the parquet row's fields).
 *
 * @param uid 32 hex digits
 * @param url the image URL
 * @param originalWidth {@code original_width} (NaN when the pool has no value, as pandas reads a null)
 * @param originalHeight {@code original_height} (NaN when missing)
 * @param clipB32 {@code clip_b32_similarity_score}
 * @param clipL14 {@code clip_l14_similarity_score}
 * @param faceBoxes {@code face_bboxes} flattened, 4 normalised doubles {@code x1, y1, x2, y2} per face
 * @param sha256 {@code sha256} of the original image bytes
 */
public record DataCompFields(String uid, String url, double originalWidth, double originalHeight, double clipB32,
    double clipL14, double[] faceBoxes, String sha256) implements Serializable {

  public DataCompFields {
    faceBoxes = faceBoxes == null ? new double[0] : faceBoxes.clone();
    if (faceBoxes.length % 4 != 0) {
      throw new IllegalArgumentException("face boxes of " + uid + " must come in fours, got " + faceBoxes.length);
    }
  }

  /** The CLIP score of an architecture: {@code b32} or {@code l14}. */
  public double clipScore(String arch) {
    return switch (arch) {
      case "b32" -> clipB32;
      case "l14" -> clipL14;
      default -> throw new IllegalArgumentException("unknown CLIP architecture '" + arch + "'; b32 or l14");
    };
  }
}
