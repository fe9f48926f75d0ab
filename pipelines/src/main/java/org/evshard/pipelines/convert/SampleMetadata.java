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

  /** {@code row} with {@code ref}'s metadata. */
  static SampleRow attach(SampleRow row, SampleRef ref) {
    try {
      return row.withMetadata(JSON.writeValueAsString(ref.metadata()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is JSON", e);
    }
  }
}
