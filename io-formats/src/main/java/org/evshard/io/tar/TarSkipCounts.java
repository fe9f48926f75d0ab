package org.evshard.io.tar;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * How many tar entries a reader skipped, by {@link TarSkipReason}. Every count is of entries (a dropped oversized
 * sample counts each of its entries). Immutable snapshot.
 */
public final class TarSkipCounts {

  private final long[] counts;

  TarSkipCounts(long[] counts) {
    this.counts = counts.clone();
  }

  /** No skips. */
  public static TarSkipCounts none() {
    return new TarSkipCounts(new long[TarSkipReason.values().length]);
  }

  public long count(TarSkipReason reason) {
    return counts[reason.ordinal()];
  }

  /** Entries skipped for any reason. */
  public long total() {
    return Arrays.stream(counts).sum();
  }

  /** The non-zero counts by stable reason name, sorted by name. */
  public Map<String, Long> byName() {
    Map<String, Long> m = new TreeMap<>();
    for (TarSkipReason r : TarSkipReason.values()) {
      if (counts[r.ordinal()] != 0) {
        m.put(r.label(), counts[r.ordinal()]);
      }
    }
    return Collections.unmodifiableMap(m);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TarSkipCounts c && Arrays.equals(counts, c.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "TarSkipCounts" + byName();
  }
}
