package org.evshard.pipelines.select;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;

/**
 * One chosen row: which group it was chosen in, at which rank (0 first), by which method, and the score or gain the
 * method gave it at that moment. One row of {@code selection.parquet}; one JSON line in the run's temporary files.
 */
public record SelectedRow(@JsonProperty("sample_id") String sampleId, @JsonProperty("group") String group,
    @JsonProperty("rank") int rank, @JsonProperty("method") String method, @JsonProperty("score") double score)
    implements Serializable {

  /** Jackson writes a NaN score as the string "NaN" and reads it back as NaN. */
  private static final ObjectMapper JSON = new ObjectMapper();

  public String toLine() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static SelectedRow fromLine(String line) {
    try {
      return JSON.readValue(line, SelectedRow.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a selection line: " + line, e);
    }
  }
}
