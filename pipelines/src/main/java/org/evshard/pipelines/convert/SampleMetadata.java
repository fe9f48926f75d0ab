package org.evshard.pipelines.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.evshard.datasets.SampleRef;
import org.evshard.io.shard.SampleRow;

/**
 * The {@code metadata} column of a conversion: a sample's {@link SampleRef#metadata()} (DailyDVS-200's file-name
 * fields and {@code all_data.json} attributes) as a JSON object of strings, keys sorted, on every row of the sample.
 * A run has the column when any of its samples has metadata (a sample without any gets {@code {}}).
 */
final class SampleMetadata {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleMetadata() {}

  /** Whether the run's shards carry the column. */
  static boolean anyIn(List<SampleRef> refs) {
    return refs.stream().anyMatch(r -> !r.metadata().isEmpty());
  }

  /** {@code ref}'s metadata as the column holds it (once per sample: every slice row carries the same text). */
  static String json(SampleRef ref) {
    try {
      return JSON.writeValueAsString(ref.metadata());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is JSON", e);
    }
  }

  /** {@code row} with {@code json} as its metadata, or as it is when {@code json} is null (no metadata column). */
  static SampleRow attach(SampleRow row, String json) {
    return json == null ? row : row.withMetadata(json);
  }
}
