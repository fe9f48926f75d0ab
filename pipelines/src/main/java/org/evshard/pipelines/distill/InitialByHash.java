package org.evshard.pipelines.distill;

import java.io.Serializable;
import java.util.Comparator;
import org.evshard.transforms.select.RandomSelection;

/**
 * Orders real images by the seeded hash of their id ({@link RandomSelection#hash}, as {@code select --method random}
 * does), reversed so that Beam's {@code Top.perKey(ipc, ...)} keeps the {@code ipc} images with the smallest hashes:
 * the initial synthetic images (the reference's {@code init=real}) depend only on ids and seed.
 */
final class InitialByHash implements Comparator<RealImage>, Serializable {

  private final long seed;

  InitialByHash(long seed) {
    this.seed = seed;
  }

  @Override
  public int compare(RealImage a, RealImage b) {
    int c = Long.compareUnsigned(RandomSelection.hash(b.sampleId(), seed), RandomSelection.hash(a.sampleId(), seed));
    return c != 0 ? c : b.sampleId().compareTo(a.sampleId());
  }
}
