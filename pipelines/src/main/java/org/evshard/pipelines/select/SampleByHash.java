package org.evshard.pipelines.select;

import java.io.Serializable;
import java.util.Comparator;
import org.evshard.transforms.select.RandomSelection;

/**
 * Orders rows by the seeded hash of their id ({@link RandomSelection#hash}), reversed so that Beam's
 * {@code Top.of(m, ...)} keeps the m rows with the smallest hashes: a sample that depends only on ids and seed.
 */
final class SampleByHash implements Comparator<FeatureRow>, Serializable {

  private final long seed;

  SampleByHash(long seed) {
    this.seed = seed;
  }

  @Override
  public int compare(FeatureRow a, FeatureRow b) {
    int c = Long.compareUnsigned(RandomSelection.hash(b.id(), seed), RandomSelection.hash(a.id(), seed));
    return c != 0 ? c : b.id().compareTo(a.id());
  }
}
