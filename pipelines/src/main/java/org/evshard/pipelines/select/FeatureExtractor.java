package org.evshard.pipelines.select;

import java.io.Serializable;
import org.evshard.io.shard.ImageRow;
import org.evshard.io.shard.SampleRow;
import org.evshard.transforms.select.GaussianProjection;

/**
 * Computes the {@link FeatureSpec} vector of a shard row. Event rows support {@code pixels} and {@code projection};
 * image rows every kind ({@link ImageFeatures}). The projection matrix is built once per worker from the seed.
 */
final class FeatureExtractor implements Serializable {

  private final FeatureSpec spec;
  private final long seed;
  private transient GaussianProjection projection;
  private transient ImageFeatures images;

  FeatureExtractor(FeatureSpec spec, long seed) {
    this.spec = spec;
    this.seed = seed;
  }

  float[] of(SampleRow row) {
    return switch (spec.kind()) {
      case PIXELS -> EventFeatures.pixels(row, spec.size());
      case PROJECTION -> project(EventFeatures.pixels(row, spec.size()));
      case CONVNET, PHASH, EMBEDDING -> throw new IllegalArgumentException("feature " + spec + " needs image shards; "
          + "sample " + row.sampleId() + " is an event " + (row.tensor() != null ? "tensor " : "") + "row (use pixels "
          + "or projection)");
    };
  }

  float[] of(ImageRow row) {
    if (images == null) {
      images = new ImageFeatures(seed);
    }
    return switch (spec.kind()) {
      case PIXELS -> images.pixels(row, spec.size());
      case PROJECTION -> project(images.pixels(row, spec.size()));
      case CONVNET -> images.convnet(row);
      case PHASH -> images.phash(row);
      case EMBEDDING -> new float[0]; // joined from the pool after reading (EmbeddingJoin)
    };
  }

  private float[] project(float[] x) {
    if (projection == null || projection.inDim() != x.length) {
      projection = GaussianProjection.create(x.length, spec.dim(), seed);
    }
    return projection.apply(new org.evshard.transforms.select.FeatureMatrix(1, x.length, x)).row(0);
  }
}
