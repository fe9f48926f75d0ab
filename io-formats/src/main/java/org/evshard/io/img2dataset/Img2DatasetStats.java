package org.evshard.io.img2dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;

/**
 * The counts of one img2dataset shard's {@code NNNNN_stats.json} ({@code logger.py write_stats}): samples attempted
 * ({@code count}), {@code successes}, {@code failed_to_download}, {@code failed_to_resize}, the {@code duration} in
 * seconds (NaN when absent) and the {@code status_dict} of error messages to counts. DataComp's resharder reads only
 * {@code successes}. Other keys (start and end times of newer versions) are ignored.
 */
public record Img2DatasetStats(long count, long successes, long failedToDownload, long failedToResize,
    double duration, SortedMap<String, Long> statusDict) {

  /** Stats files are small; a larger one is refused unread. */
  public static final long MAX_BYTES = 16L << 20;

  public Img2DatasetStats {
    statusDict = Collections.unmodifiableSortedMap(new TreeMap<>(statusDict));
  }

  public static Img2DatasetStats read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw new LimitExceededException(file.toString(), 0, "stats file size", size, MAX_BYTES);
    }
    return parse(Files.readAllBytes(file), file.toString());
  }

  public static Img2DatasetStats parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new CorruptInputException(source, -1, "not valid JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new CorruptInputException(source, 0, "img2dataset stats must be a JSON object");
    }
    SortedMap<String, Long> status = new TreeMap<>();
    JsonNode sd = root.get("status_dict");
    if (sd != null && !sd.isNull()) {
      if (!sd.isObject()) {
        throw new CorruptInputException(source, -1, "status_dict must be an object, found " + sd.getNodeType());
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = sd.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        status.put(e.getKey(), count(e.getValue(), "status_dict." + e.getKey(), source));
      }
    }
    JsonNode d = root.get("duration");
    double duration = d == null || d.isNull() ? Double.NaN : d.isNumber() ? d.asDouble() : Double.NaN;
    return new Img2DatasetStats(required(root, "count", source), required(root, "successes", source),
        required(root, "failed_to_download", source), required(root, "failed_to_resize", source), duration, status);
  }

  private static long required(JsonNode root, String key, String source) {
    JsonNode v = root.get(key);
    if (v == null) {
      throw new CorruptInputException(source, -1, "img2dataset stats lack '" + key + "'");
    }
    return count(v, key, source);
  }

  private static long count(JsonNode v, String key, String source) {
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw new CorruptInputException(source, -1, "'" + key + "' must be a non-negative integer, found " + v);
    }
    return v.asLong();
  }
}
