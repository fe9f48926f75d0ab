package org.evshard.pipelines.curate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one written image shard holds, reported by the writer so the driver can build the manifest without reading the
 * images back: its path under the output, split, rows, and rows per label name ({@code ""} for unlabelled rows).
 */
public record ImageShardStats(@JsonProperty("shard") String shard, @JsonProperty("split") String split,
    @JsonProperty("rows") long rows, @JsonProperty("labels") Map<String, Long> labels) implements Serializable {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ImageShardStats {
    labels = new TreeMap<>(labels == null ? Map.of() : labels);
  }

  public String toJsonLine() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ImageShardStats fromJsonLine(String line) {
    try {
      return JSON.readValue(line, ImageShardStats.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a shard stats line: " + line, e);
    }
  }
}
