package org.evshard.pipelines.convert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One rejected input: which sample, which stage rejected it, why, and where in the file (-1 when unknown). Becomes
 * one line of {@code errors.jsonl}.
 */
public record SampleError(String sampleId, String source, String stage, String reason, long offset)
    implements Serializable {

  private static final ObjectMapper JSON = new ObjectMapper();

  public SampleError {
    if (source == null || stage == null || reason == null) {
      throw new IllegalArgumentException("source, stage and reason are required");
    }
  }

  /** One JSON object on one line, fields in a fixed order. */
  public String toJsonLine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sample_id", sampleId);
    m.put("source", source);
    m.put("stage", stage);
    m.put("reason", reason);
    m.put("offset", offset);
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode error record", e);
    }
  }
}
