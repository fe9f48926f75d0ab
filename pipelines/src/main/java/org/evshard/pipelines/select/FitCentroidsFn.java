package org.evshard.pipelines.select;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.evshard.transforms.select.FeatureMatrix;
import org.evshard.transforms.select.KMeans;

/**
 * Fits K centroids on the sample of rows ({@link ByIdHash}): seeded k-means++ then mini-batch k-means, on the
 * rows sorted by id so the result does not depend on the runner's order.
 */
final class FitCentroidsFn extends DoFn<List<FeatureRow>, Centroids> {

  static final int BATCH = 1024;
  static final int ITERATIONS = 100;

  private final int k;
  private final long seed;

  FitCentroidsFn(int k, long seed) {
    this.k = k;
    this.seed = seed;
  }

  @ProcessElement
  public void process(@Element List<FeatureRow> sample, OutputReceiver<Centroids> out) {
    List<FeatureRow> rows = new ArrayList<>(sample);
    rows.sort(Comparator.comparing(FeatureRow::id));
    if (rows.size() < k) {
      throw new IllegalArgumentException("kmeans:" + k + " needs at least " + k + " rows, the input has "
          + rows.size());
    }
    int d = rows.get(0).features().length;
    float[] data = new float[rows.size() * d];
    for (int i = 0; i < rows.size(); i++) {
      System.arraycopy(rows.get(i).features(), 0, data, i * d, d);
    }
    FeatureMatrix points = new FeatureMatrix(rows.size(), d, data);
    FeatureMatrix c = KMeans.miniBatch(points, k, Math.min(BATCH, rows.size()), ITERATIONS, seed);
    out.output(new Centroids(k, d, c.toArray()));
  }
}
