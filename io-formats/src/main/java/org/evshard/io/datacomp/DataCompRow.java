package org.evshard.io.datacomp;

import java.util.List;
import java.util.Objects;

/**
 * One row of a DataComp pool metadata parquet file (the {@code metadata/<scale>/*.parquet} files
 * {@code download_upstream.py} fetches and passes to img2dataset): the sample's uid (32 hex digits, the key that
 * subsets and embeddings refer to), image url, caption text, original image size, the CLIP ViT-B/32 and ViT-L/14
 * image-text similarity scores, the normalised face boxes used for blurring, and the sha256 of the original image
 * bytes. Immutable.
 */
public record DataCompRow(String uid, String url, String text, long originalWidth, long originalHeight,
    double clipB32SimilarityScore, double clipL14SimilarityScore, List<FaceBox> faceBboxes, String sha256) {

  public DataCompRow {
    Objects.requireNonNull(uid);
    Objects.requireNonNull(url);
    Objects.requireNonNull(text);
    Objects.requireNonNull(sha256);
    faceBboxes = List.copyOf(faceBboxes);
  }
}
