package org.evshard.io.shard;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sample counts of a run.
 *
 * @param discovered samples found in the input
 * @param written rows written to shards
 * @param rejected samples that went to {@code errors.jsonl} instead
 * @param perSplit rows per split
 * @param perLabel rows per split, then per label name
 */
@JsonPropertyOrder({"discovered", "written", "rejected", "per_split", "per_label"})
public record ManifestCounts(
    @JsonProperty("discovered") long discovered,
    @JsonProperty("written") long written,
    @JsonProperty("rejected") long rejected,
    @JsonProperty("per_split") Map<String, Long> perSplit,
    @JsonProperty("per_label") Map<String, Map<String, Long>> perLabel) {

  public ManifestCounts {
    perSplit = Collections.unmodifiableMap(new TreeMap<>(perSplit == null ? Map.of() : perSplit));
    TreeMap<String, Map<String, Long>> labels = new TreeMap<>();
    if (perLabel != null) {
      perLabel.forEach((split, m) -> labels.put(split, Collections.unmodifiableMap(new TreeMap<>(m))));
    }
    perLabel = Collections.unmodifiableMap(labels);
  }

  /** Counts from the label counts of the written shards ({@link ShardFormat#readLabels}). */
  public static ManifestCounts of(long discovered, long rejected, Collection<LabelCount> labels) {
    Map<String, Long> perSplit = new TreeMap<>();
    Map<String, Map<String, Long>> perLabel = new TreeMap<>();
    long written = 0;
    for (LabelCount c : labels) {
      written += c.rows();
      perSplit.merge(c.split(), c.rows(), Long::sum);
      perLabel.computeIfAbsent(c.split(), s -> new TreeMap<>()).merge(c.labelName(), c.rows(), Long::sum);
    }
    return new ManifestCounts(discovered, written, rejected, perSplit, perLabel);
  }
}
