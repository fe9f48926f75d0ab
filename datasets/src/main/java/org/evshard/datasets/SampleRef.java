package org.evshard.datasets;

import java.io.Serializable;
import org.evshard.io.events.SensorGeometry;

/**
 * Reference to one recording of a dataset, as handed to the pipeline: where its bytes are, which label and split it
 * has, and how to decode it. Discovery never opens the recording; {@link SampleInputs} does.
 *
 * @param sampleId stable id, {@code <dataset>/<path inside the dataset without extension>}, derived only from the
 *     dataset and the source path (the same recording has the same id extracted or inside its archive)
 * @param dataset descriptor name, e.g. {@code nmnist}
 * @param source path relative to the input root with {@code /} separators; for an archive member
 *     {@code <archive>!/<entry>}
 * @param split split name, e.g. {@code train} or {@code test}
 * @param label class index, {@code >= 0}
 * @param labelName class name as the dataset spells it
 * @param archive relative path of the zip holding the recording, or null for a plain file
 * @param entry member name inside {@code archive}, or null for a plain file
 * @param format event format registry name, e.g. {@code atis-bin}
 * @param sensor sensor geometry, or null when each recording carries its own
 */
public record SampleRef(
    String sampleId,
    String dataset,
    String source,
    String split,
    int label,
    String labelName,
    String archive,
    String entry,
    String format,
    SensorGeometry sensor)
    implements Serializable {

  /** Separator between an archive path and a member name in {@link #source()}. */
  public static final String MEMBER_SEPARATOR = "!/";

  public SampleRef {
    requireText("dataset", dataset);
    requireText("sampleId", sampleId);
    requireText("source", source);
    requireText("split", split);
    requireText("labelName", labelName);
    requireText("format", format);
    if (!sampleId.startsWith(dataset + "/") || sampleId.length() == dataset.length() + 1) {
      throw invalid("sampleId '" + sampleId + "' must start with '" + dataset + "/' and name the sample");
    }
    if (label < 0) {
      throw invalid("label of " + sampleId + " must be >= 0, got " + label);
    }
    if ((archive == null) != (entry == null)) {
      throw invalid("archive and entry of " + sampleId + " must both be set or both be null, got archive="
          + archive + ", entry=" + entry);
    }
    if (archive == null) {
      requireRelative("source", source);
    } else {
      requireRelative("archive", archive);
      requireRelative("entry", entry);
      if (!source.equals(archive + MEMBER_SEPARATOR + entry)) {
        throw invalid("source of archive member must be '" + archive + MEMBER_SEPARATOR + entry + "', got '"
            + source + "'");
      }
    }
  }

  /** True when the recording is a member of a zip archive. */
  public boolean inArchive() {
    return archive != null;
  }

  /** Last path segment of the recording, e.g. {@code 00012.bin}. */
  public String fileName() {
    String path = archive == null ? source : entry;
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static void requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(field + " must not be null or blank");
    }
  }

  private static void requireRelative(String field, String path) {
    requireText(field, path);
    if (path.startsWith("/") || path.indexOf('\\') >= 0) {
      throw invalid(field + " '" + path + "' must be relative with '/' separators");
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw invalid(field + " '" + path + "' has an empty, '.' or '..' segment");
      }
    }
  }

  private static IllegalArgumentException invalid(String message) {
    return new IllegalArgumentException("invalid SampleRef: " + message);
  }
}
