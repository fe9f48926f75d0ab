package org.evshard.io.img2dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.evshard.io.error.CorruptInputException;

/**
 * Parses img2dataset's per-sample {@code .json} sidecar (the sample's metadata as {@code json.dumps(meta, indent=4)}
 * writes it: url, key, caption, status, error_message, width, height, original_width, original_height, exif, sha256
 * and any {@code save_additional_columns}) into a sorted map of strings: JSON strings give their text, every other
 * value (numbers, booleans, null, lists, objects) its compact JSON text, e.g. {@code face_bboxes -> [[0.5,0.1,0.8,0.7]]}.
 * Numbers keep the digits the file holds.
 */
public final class Img2DatasetJson {

  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  static {
    JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  private Img2DatasetJson() {}

  /** Parses one sidecar; anything but a JSON object is corrupt. */
  public static SortedMap<String, String> parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      long at = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
      throw new CorruptInputException(source, at, "not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new CorruptInputException(source, -1, "not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CorruptInputException(source, 0, "a JSON object of sample metadata",
          root == null ? "nothing" : root.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
    }
    SortedMap<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      JsonNode v = f.getValue();
      out.put(f.getKey(), v.isTextual() ? v.asText() : v.toString());
    }
    return out;
  }
}
