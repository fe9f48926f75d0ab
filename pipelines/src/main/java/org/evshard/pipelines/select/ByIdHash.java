package org.evshard.pipelines.select;

import java.io.Serializable;
import java.util.Comparator;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.evshard.transforms.select.RandomSelection;

/**
 * Orders elements by the seeded hash of their id ({@link RandomSelection#hash}, as {@code select --method random}
 * does), ties by id, reversed so that Beam's {@code Top.of(m, ...)} / {@code Top.perKey(m, ...)} keeps the m elements
 * with the smallest hashes: a choice that depends only on ids and seed (the k-means sample of {@code select}, the
 * initial images of {@code distill}).
 */
public final class ByIdHash<T> implements Comparator<T>, Serializable {

  private static final long serialVersionUID = 1L;

  private final long seed;
  private final SerializableFunction<T, String> id;

  public ByIdHash(long seed, SerializableFunction<T, String> id) {
    this.seed = seed;
    this.id = id;
  }

  @Override
  public int compare(T a, T b) {
    String ia = id.apply(a);
    String ib = id.apply(b);
    int c = Long.compareUnsigned(RandomSelection.hash(ib, seed), RandomSelection.hash(ia, seed));
    return c != 0 ? c : ib.compareTo(ia);
  }
}
