package org.evshard.pipelines.select;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollectionView;
import org.evshard.transforms.select.FeatureMatrix;
import org.evshard.transforms.select.KMeans;

/** Keys each row by its group: the grouping's rule, or split plus the nearest centroid (side input) for k-means. */
final class AssignGroupFn extends DoFn<FeatureRow, KV<String, FeatureRow>> {

  private final Grouping grouping;
  private final PCollectionView<Centroids> centroids;

  /** {@code centroids} only for k-means grouping, else null. */
  AssignGroupFn(Grouping grouping, PCollectionView<Centroids> centroids) {
    this.grouping = grouping;
    this.centroids = centroids;
  }

  @ProcessElement
  public void process(@Element FeatureRow row, ProcessContext c) {
    if (centroids == null) {
      c.output(KV.of(grouping.groupOf(row), row));
      return;
    }
    FeatureMatrix m = c.sideInput(centroids).matrix();
    int cluster = KMeans.assign(new FeatureMatrix(1, row.features().length, row.features()), m)[0];
    c.output(KV.of(String.format("%s/cluster-%04d", row.split(), cluster), row));
  }
}
