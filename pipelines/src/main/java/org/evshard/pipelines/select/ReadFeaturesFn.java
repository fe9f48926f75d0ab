package org.evshard.pipelines.select;

import java.nio.file.Path;
import java.util.Map;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.PCollectionView;
import org.evshard.io.shard.ImageRow;
import org.evshard.io.shard.ImageShardReader;
import org.evshard.io.shard.SampleRow;
import org.evshard.io.shard.ShardFormat;
import org.evshard.io.shard.ShardReader;

/**
 * Reads one input shard and emits a {@link FeatureRow} per row: the features the {@link FeatureExtractor} computes
 * (none when the method needs none) and the row's score from the {@code --scores} side input (when the method needs
 * one; a row without a score fails the run, naming it).
 */
final class ReadFeaturesFn extends DoFn<String, FeatureRow> {

  static final String ROWS_COUNTER = "rows_read";

  private final boolean imageShards;
  private final FeatureExtractor features;
  private final PCollectionView<Map<String, Iterable<Double>>> scores;
  private final Counter rows = Metrics.counter(ReadFeaturesFn.class, ROWS_COUNTER);

  /** {@code features} null: the method needs none; {@code scores} null: the method needs none. */
  ReadFeaturesFn(boolean imageShards, FeatureExtractor features,
      PCollectionView<Map<String, Iterable<Double>>> scores) {
    this.imageShards = imageShards;
    this.features = features;
    this.scores = scores;
  }

  @ProcessElement
  public void process(@Element String shard, ProcessContext c) {
    Map<String, Iterable<Double>> scoreMap = scores == null ? null : c.sideInput(scores);
    Path file = Path.of(shard);
    if (imageShards) {
      try (ImageShardReader r = new ImageShardReader(file)) {
        for (ImageRow row = r.next(); row != null; row = r.next()) {
          float[] f = features == null ? new float[0] : finite(features.of(row), row.sampleId(), shard);
          c.output(new FeatureRow(row.sampleId(), row.split(), row.labelName() == null ? "" : row.labelName(), f,
              score(scoreMap, row.sampleId(), shard)));
          rows.inc();
        }
      }
    } else {
      try (ShardReader r = ShardFormat.ofFile(file).openReader(file)) {
        while (r.hasNext()) {
          SampleRow row = r.next();
          float[] f = features == null ? new float[0] : featuresOf(row, shard);
          c.output(new FeatureRow(row.sampleId(), row.split(), row.labelName(), f,
              score(scoreMap, row.sampleId(), shard)));
          rows.inc();
        }
      }
    }
  }

  /** The row's features; a row they cannot be computed for fails the run naming its shard. */
  private float[] featuresOf(SampleRow row, String shard) {
    float[] f;
    try {
      f = features.of(row);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(shard + ": " + e.getMessage(), e);
    }
    return finite(f, row.sampleId(), shard);
  }

  /**
   * {@code f} once every value is finite: a NaN or infinity in a row's tensor failed the group later as "element
   * (0, 0) must be finite", an index into an internal matrix that named neither the sample nor its shard.
   */
  static float[] finite(float[] f, String sampleId, String shard) {
    for (int i = 0; i < f.length; i++) {
      if (!Float.isFinite(f[i])) {
        throw new IllegalArgumentException(shard + ": sample " + sampleId + ": feature " + i + " of " + f.length
            + " is " + f[i] + " (its tensor or pixels hold a value that is not finite)");
      }
    }
    return f;
  }

  /** The one score of {@code id} (a multimap, so that an id listed twice is named, not a bare "Duplicate values"). */
  private static double score(Map<String, Iterable<Double>> scores, String id, String shard) {
    if (scores == null) {
      return Double.NaN;
    }
    Iterable<Double> listed = scores.get(id);
    if (listed == null || !listed.iterator().hasNext()) {
      throw new IllegalArgumentException("sample " + id + " of " + shard + " has no score in --scores");
    }
    java.util.Iterator<Double> it = listed.iterator();
    double s = it.next();
    if (it.hasNext()) {
      int n = 1;
      for (; it.hasNext(); it.next()) {
        n++;
      }
      throw new IllegalArgumentException("--scores lists sample " + id + " " + n + " times; give each sample one "
          + "score");
    }
    return s;
  }
}
