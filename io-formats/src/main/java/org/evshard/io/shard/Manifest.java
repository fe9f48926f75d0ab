package org.evshard.io.shard;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.evshard.io.error.ShardException;
import org.evshard.io.file.AtomicFiles;

/**
 * {@code manifest.json}: what a run wrote, with enough to verify it ({@link ManifestVerifier}). Field names are
 * snake_case in JSON; see {@code docs/SHARDS.md}.
 */
@JsonPropertyOrder({"schema_version", "tool", "tool_version", "created", "dataset", "input", "shard_format",
    "parameters", "shards", "counts", "errors_file"})
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Manifest(
    @JsonProperty("schema_version") String schemaVersion,
    @JsonProperty("tool") String tool,
    @JsonProperty("tool_version") String toolVersion,
    @JsonProperty("created") String created,
    @JsonProperty("dataset") String dataset,
    @JsonProperty("input") String input,
    @JsonProperty("shard_format") String shardFormat,
    @JsonProperty("parameters") Map<String, Object> parameters,
    @JsonProperty("shards") List<ManifestShard> shards,
    @JsonProperty("counts") ManifestCounts counts,
    @JsonProperty("errors_file") String errorsFile) {

  public static final String FILE_NAME = "manifest.json";
  public static final String ERRORS_FILE = "errors.jsonl";

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  public Manifest {
    Objects.requireNonNull(schemaVersion, "schema_version");
    Objects.requireNonNull(shards, "shards");
    Objects.requireNonNull(counts, "counts");
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters == null ? Map.of() : parameters));
    shards = List.copyOf(shards);
  }

  /** A manifest of the current schema version, created now by {@code clock} (UTC, whole seconds). */
  public static Manifest create(String tool, String toolVersion, Clock clock, String dataset, String input,
      ShardFormat format, Map<String, Object> parameters, List<ManifestShard> shards, ManifestCounts counts) {
    String created = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    return new Manifest(ShardSchema.SCHEMA_VERSION, tool, toolVersion, created, dataset, input,
        format.name().toLowerCase(java.util.Locale.ROOT), parameters, shards, counts, ERRORS_FILE);
  }

  /** Reads a manifest of schema version 2 or 1; fails on another. */
  public static Manifest read(Path file) {
    Manifest m;
    try {
      m = JSON.readValue(file.toFile(), Manifest.class);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // Jackson's own message carries "[Source: REDACTED ...]" and the Java class reference chain
      com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
      throw new ShardException(file.toString(), "cannot read manifest: "
          + (at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
          + e.getOriginalMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new ShardException(file.toString(), "cannot read manifest: " + e.getMessage(), e);
    }
    if (!ShardSchema.SCHEMA_VERSION.equals(m.schemaVersion())
        && !ShardSchema.SCHEMA_VERSION_1.equals(m.schemaVersion())) {
      throw new ShardException(file.toString(), "expected schema_version " + ShardSchema.SCHEMA_VERSION + " (or "
          + ShardSchema.SCHEMA_VERSION_1 + "), found " + m.schemaVersion());
    }
    java.util.Map<String, Integer> first = new java.util.HashMap<>();
    for (int i = 0; i < m.shards().size(); i++) {
      String problem = m.shards().get(i).problem();
      if (problem != null) {
        throw new ShardException(file.toString(), "shards[" + i + "]: " + problem);
      }
      Integer before = first.putIfAbsent(m.shards().get(i).path(), i);
      if (before != null) { // its rows would be read twice
        throw new ShardException(file.toString(), "shards[" + i + "]: path '" + m.shards().get(i).path() + "' is "
            + "listed again (first as shards[" + before + "])");
      }
    }
    return m;
  }

  /**
   * Writes pretty JSON to a temporary sibling of {@code file} (with the permissions of any new file), then moves it
   * into place atomically ({@link AtomicFiles}).
   */
  public void write(Path file) {
    try {
      AtomicFiles.write(file, out -> JSON.writeValue(out, this));
    } catch (IOException | RuntimeException e) {
      throw new ShardException(file.toString(), "cannot write manifest: " + e.getMessage(), e);
    }
  }
}
