package org.evshard.pipelines.output;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one written shard holds, reported by the writer so the driver can build the manifest without reading the images
 * back: its path under the output, split, rows, and rows per label name ({@code ""} for unlabelled rows). Emitted by
 * the shard writers of {@code evshard curate} and {@code evshard select} and gathered by {@link RunManifest}.
 */
public record WrittenShard(@JsonProperty("shard") String shard, @JsonProperty("split") String split,
    @JsonProperty("rows") long rows, @JsonProperty("labels") Map<String, Long> labels) implements Serializable {

  private static final ObjectMapper JSON = new ObjectMapper();

  public WrittenShard {
    labels = new TreeMap<>(labels == null ? Map.of() : labels);
  }

  public String toJsonLine() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static WrittenShard fromJsonLine(String line) {
    try {
      return JSON.readValue(line, WrittenShard.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a shard stats line: " + line, e);
    }
  }
}
