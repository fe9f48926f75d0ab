package org.evshard.io.shard;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Sample and row counts of a run. Without a slicer every sample is one row and {@code rows == written}; with one, a
 * recording becomes several rows and {@code rows >= written}.
 *
 * @param discovered samples found in the input
 * @param written samples with rows in the shards ({@code discovered = written + rejected + removed})
 * @param rejected samples that went to {@code errors.jsonl} instead
 * @param removed samples a curation step left out on purpose (filters, deduplication; listed in
 *     {@code removed.jsonl}); null in the manifests of conversions, which remove nothing
 * @param rows rows in the shards; null in manifests of schema 1, where it equals {@code written}
 * @param perSplit rows per split
 * @param perLabel rows per split, then per label name
 */
@JsonPropertyOrder({"discovered", "written", "rejected", "removed", "rows", "per_split", "per_label"})
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record ManifestCounts(
    @JsonProperty("discovered") long discovered,
    @JsonProperty("written") long written,
    @JsonProperty("rejected") long rejected,
    @JsonProperty("removed") Long removed,
    @JsonProperty("rows") Long rows,
    @JsonProperty("per_split") Map<String, Long> perSplit,
    @JsonProperty("per_label") Map<String, Map<String, Long>> perLabel) {

  /** Counts of a run without slicing: one row per written sample. */
  public ManifestCounts(long discovered, long written, long rejected, Map<String, Long> perSplit,
      Map<String, Map<String, Long>> perLabel) {
    this(discovered, written, rejected, null, written, perSplit, perLabel);
  }

  /** Counts of a conversion: nothing removed on purpose. */
  public ManifestCounts(long discovered, long written, long rejected, Long rows, Map<String, Long> perSplit,
      Map<String, Map<String, Long>> perLabel) {
    this(discovered, written, rejected, null, rows, perSplit, perLabel);
  }

  /** Samples removed on purpose (0 when the field is absent). */
  public long removedCount() {
    return removed == null ? 0 : removed;
  }

  /** Rows in the shards ({@code written} for manifests of schema 1). */
  public long rowCount() {
    return rows == null ? written : rows;
  }

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
    long rows = 0;
    for (LabelCount c : labels) {
      written += c.samples();
      rows += c.rows();
      perSplit.merge(c.split(), c.rows(), Long::sum);
      perLabel.computeIfAbsent(c.split(), s -> new TreeMap<>()).merge(c.labelName(), c.rows(), Long::sum);
    }
    return new ManifestCounts(discovered, written, rejected, rows, perSplit, perLabel);
  }
}
