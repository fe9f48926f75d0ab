package org.evshard.pipelines.curate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code curate_report.json}: how many samples came in, were written, rejected (by stage and reason) and removed (by
 * step and reason), the tar entries skipped (by reason), and for deduplication every removed sample with the one it
 * duplicates. Built from {@code errors.jsonl} and {@code removed.jsonl} after the run.
 */
final class CurateReport {

  static final String FILE_NAME = "curate_report.json";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private CurateReport() {
  }

  /** Lines of {@code file} as JSON objects (none when the file is absent). */
  static List<JsonNode> readJsonLines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank()) {
          out.add(JSON.readTree(line));
        }
      }
    }
    return out;
  }

  static Map<String, Object> write(Path output, String dataset, long inputs, long written,
      Map<String, Long> tarSkipped, Map<String, Object> parameters) throws IOException {
    List<JsonNode> errors = readJsonLines(output.resolve(org.evshard.io.shard.Manifest.ERRORS_FILE));
    List<JsonNode> removed = readJsonLines(output.resolve(RemovedSample.FILE_NAME));
    Map<String, Map<String, Long>> rejectedBy = new TreeMap<>();
    for (JsonNode e : errors) {
      rejectedBy.computeIfAbsent(e.get("stage").asText(), k -> new TreeMap<>())
          .merge(firstWords(e.get("reason").asText()), 1L, Long::sum);
    }
    Map<String, Map<String, Long>> removedBy = new TreeMap<>();
    List<Map<String, Object>> duplicates = new ArrayList<>();
    for (JsonNode r : removed) {
      removedBy.computeIfAbsent(r.get("step").asText(), k -> new TreeMap<>())
          .merge(r.get("reason").asText(), 1L, Long::sum);
      if (r.has("duplicate_of")) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("sample_id", r.get("sample_id").asText());
        d.put("duplicate_of", r.get("duplicate_of").asText());
        d.put("step", r.get("step").asText());
        if (r.has("distance")) {
          d.put("distance", r.get("distance").asInt());
        }
        duplicates.add(d);
      }
    }
    duplicates.sort(java.util.Comparator.comparing(d -> (String) d.get("sample_id")));
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("dataset", dataset);
    report.put("inputs", inputs);
    report.put("written", written);
    report.put("rejected", (long) errors.size());
    report.put("removed", (long) removed.size());
    report.put("rejected_by_stage", rejectedBy);
    report.put("removed_by_step", removedBy);
    report.put("tar_entries_skipped", new TreeMap<>(tarSkipped));
    report.put("duplicates", duplicates);
    report.put("parameters", parameters);
    JSON.writeValue(output.resolve(FILE_NAME).toFile(), report);
    return report;
  }

  /**
   * A reason up to its first colon or parenthesis, numbers (not digits inside a word) as {@code #}, so that reasons with file-specific details
   * (a member's first bytes, a row number, a size) still count together.
   */
  static String firstWords(String reason) {
    int colon = reason.indexOf(':');
    int paren = reason.indexOf(" (");
    int end = colon > 0 && (paren < 0 || colon < paren) ? colon : paren > 0 ? paren : reason.length();
    // numbers, not the digits of a name (img2dataset); both sides of a size (640x480)
    return reason.substring(0, end).replaceAll("(?<![A-Za-z_0-9])[0-9]+", "#").replaceAll("#x[0-9]+", "#x#");
  }
}
