package org.evshard.io.shard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Counts rows per (split, label, label_name). */
final class LabelCounter {

  private record Key(String split, int label, String labelName) {
  }

  private final Map<Key, long[]> counts = new LinkedHashMap<>();

  void add(SampleRow row) {
    add(row.split(), row.label(), row.labelName(), row.sliceIndex());
  }

  /** One row; it starts a sample when {@code sliceIndex <= 0}. */
  void add(String split, int label, String labelName, int sliceIndex) {
    long[] c = counts.computeIfAbsent(new Key(split, label, labelName), k -> new long[2]);
    c[0]++;
    if (sliceIndex <= 0) {
      c[1]++;
    }
  }

  /** The counts sorted by split, label, label name. */
  List<LabelCount> counts() {
    List<LabelCount> out = new ArrayList<>();
    counts.forEach((k, n) -> out.add(new LabelCount(k.split(), k.label(), k.labelName(), n[0], n[1])));
    out.sort(Comparator.comparing(LabelCount::split).thenComparingInt(LabelCount::label)
        .thenComparing(LabelCount::labelName));
    return out;
  }
}
