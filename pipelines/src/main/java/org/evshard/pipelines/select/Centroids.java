package org.evshard.pipelines.select;

import java.io.Serializable;
import org.evshard.transforms.select.FeatureMatrix;

/** Fitted k-means centroids, row-major {@code k x d}, as a side input of the assignment step. */
record Centroids(int k, int d, float[] data) implements Serializable {

  FeatureMatrix matrix() {
    return new FeatureMatrix(k, d, data);
  }
}
