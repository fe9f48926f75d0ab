package org.evshard.pipelines.curate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sample a curation step left out on purpose (not an error): which step, why, and for a duplicate the sample it
 * duplicates (the one kept). Becomes one line of {@code removed.jsonl}.
 *
 * @param sampleId the removed sample
 * @param source where it came from
 * @param step {@code basic}, {@code clip_score}, {@code image_based}, {@code subset}, {@code dedup_exact} or
 *     {@code dedup_phash}
 * @param reason stable lower-case reason, e.g. {@code caption_not_english}, {@code below_threshold}, {@code duplicate}
 * @param duplicateOf the kept sample this one duplicates, or null
 * @param distance Hamming distance of the perceptual hashes to {@code duplicateOf} (-1 when not a pHash duplicate)
 */
public record RemovedSample(String sampleId, String source, String step, String reason, String duplicateOf,
    int distance) implements Serializable {

  public static final String FILE_NAME = "removed.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  public RemovedSample {
    if (sampleId == null || source == null || step == null || reason == null) {
      throw new IllegalArgumentException("sampleId, source, step and reason are required");
    }
  }

  /** A sample a filter removed. */
  public static RemovedSample filtered(String sampleId, String source, String step, String reason) {
    return new RemovedSample(sampleId, source, step, reason, null, -1);
  }

  /** One JSON object on one line, fields in a fixed order. */
  public String toJsonLine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sample_id", sampleId);
    m.put("source", source);
    m.put("step", step);
    m.put("reason", reason);
    if (duplicateOf != null) {
      m.put("duplicate_of", duplicateOf);
    }
    if (distance >= 0) {
      m.put("distance", distance);
    }
    try {
      return JSON.writeValueAsString(m);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode removed record", e);
    }
  }
}
