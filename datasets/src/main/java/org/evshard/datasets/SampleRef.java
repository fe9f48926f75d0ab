package org.evshard.datasets;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.file.FileStamp;

/**
 * Reference to one recording of a dataset, as handed to the pipeline: where its bytes are, which label and split it
 * has, and how to decode it. Discovery never opens the recording; {@link SampleInputs} does.
 *
 * @param sampleId stable id, {@code <dataset>/<path inside the dataset without extension>}, derived only from the
 *     dataset and the source path (the same recording has the same id extracted or inside its archive)
 * @param dataset descriptor name, e.g. {@code nmnist}
 * @param source path relative to the input root with {@code /} separators (a backslash is part of a name, except on
 *     systems whose separator it is); for an archive member
 *     {@code <archive>!/<entry>}
 * @param split split name, e.g. {@code train} or {@code test}
 * @param label class index, {@code >= 0}
 * @param labelName class name as the dataset spells it
 * @param archive relative path of the zip holding the recording, or null for a plain file
 * @param entry member name inside {@code archive}, or null for a plain file
 * @param format event format registry name, e.g. {@code atis-bin}; null when the recording's own bytes decide (its
 *     file extension is claimed by several formats, e.g. {@code .raw} by EVT 2.0, 2.1 and 3.0): the reader is then
 *     detected from the file's header when it is opened, as {@code evshard decode --format auto} does
 * @param sensor sensor geometry, or null when each recording carries its own
 * @param timeWindowStartUs first timestamp (inclusive, microseconds, as the file stores it) of the sample inside the
 *     recording, or {@link #NO_TIME_WINDOW} when the sample is the whole recording
 * @param timeWindowEndUs end of the window (exclusive), or {@link #NO_TIME_WINDOW}; the decode step keeps only the
 *     events with {@code start <= t < end} (a DVS Gesture label interval is one sample of a longer recording)
 * @param metadata dataset-specific columns of the sample (e.g. DailyDVS-200's attributes), sorted by key, never null
 * @param formatOptions options the reader needs beyond the format name (e.g. {@code axes=spikingjelly-cifar10dvs}
 *     for CIFAR10-DVS's AEDAT 2.0 files), sorted by key, never null
 * @param listedAs size and last-modified time of the file holding the recording (the zip for an archive member) when
 *     the run listed it, or null when unknown; {@link SampleInputs} rejects the sample when the file is no longer so
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
    SensorGeometry sensor,
    long timeWindowStartUs,
    long timeWindowEndUs,
    Map<String, String> metadata,
    Map<String, String> formatOptions,
    FileStamp listedAs)
    implements Serializable {

  /** Separator between an archive path and a member name in {@link #source()}. */
  public static final String MEMBER_SEPARATOR = "!/";
  /** Value of both time window fields when the sample is the whole recording. */
  public static final long NO_TIME_WINDOW = -1;

  /** A whole recording without metadata or format options (the form N-MNIST and N-Caltech101 use). */
  public SampleRef(String sampleId, String dataset, String source, String split, int label, String labelName,
      String archive, String entry, String format, SensorGeometry sensor) {
    this(sampleId, dataset, source, split, label, labelName, archive, entry, format, sensor, NO_TIME_WINDOW,
        NO_TIME_WINDOW, Map.of(), Map.of());
  }

  /** A reference whose file has not been stamped ({@code listedAs} null). */
  public SampleRef(String sampleId, String dataset, String source, String split, int label, String labelName,
      String archive, String entry, String format, SensorGeometry sensor, long timeWindowStartUs,
      long timeWindowEndUs, Map<String, String> metadata, Map<String, String> formatOptions) {
    this(sampleId, dataset, source, split, label, labelName, archive, entry, format, sensor, timeWindowStartUs,
        timeWindowEndUs, metadata, formatOptions, null);
  }

  public SampleRef {
    metadata = sortedCopy("metadata", metadata);
    formatOptions = sortedCopy("formatOptions", formatOptions);
    if ((timeWindowStartUs == NO_TIME_WINDOW) != (timeWindowEndUs == NO_TIME_WINDOW)) {
      throw invalid("time window of " + sampleId + " must have both ends or neither, got " + timeWindowStartUs
          + ".." + timeWindowEndUs);
    }
    if (timeWindowStartUs != NO_TIME_WINDOW && (timeWindowStartUs < 0 || timeWindowEndUs <= timeWindowStartUs)) {
      throw invalid("time window of " + sampleId + " must satisfy 0 <= start < end, got " + timeWindowStartUs
          + ".." + timeWindowEndUs);
    }
    requireText("dataset", dataset);
    requireText("sampleId", sampleId);
    requireText("source", source);
    requireText("split", split);
    requireText("labelName", labelName);
    if (format != null) {
      requireText("format", format);
    }
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

  /** True when the sample is the part {@code [timeWindowStartUs, timeWindowEndUs)} of its recording. */
  public boolean hasTimeWindow() {
    return timeWindowStartUs != NO_TIME_WINDOW;
  }

  /** True when an event at {@code t} belongs to this sample: always without a window, else start <= t < end. */
  public boolean inTimeWindow(long t) {
    return !hasTimeWindow() || (t >= timeWindowStartUs && t < timeWindowEndUs);
  }

  /**
   * The same sample read with another event format (registry name), e.g. when the user names the format; null
   * detects it from the file when it is opened.
   */
  public SampleRef withFormat(String formatName) {
    return new SampleRef(sampleId, dataset, source, split, label, labelName, archive, entry, formatName, sensor,
        timeWindowStartUs, timeWindowEndUs, metadata, formatOptions, listedAs);
  }

  /** A copy restricted to {@code [startUs, endUs)} of the recording. */
  public SampleRef withTimeWindow(long startUs, long endUs) {
    return new SampleRef(sampleId, dataset, source, split, label, labelName, archive, entry, format, sensor, startUs,
        endUs, metadata, formatOptions, listedAs);
  }

  /** A copy with these metadata columns. */
  public SampleRef withMetadata(Map<String, String> columns) {
    return new SampleRef(sampleId, dataset, source, split, label, labelName, archive, entry, format, sensor,
        timeWindowStartUs, timeWindowEndUs, columns, formatOptions, listedAs);
  }

  /** A copy with these reader options. */
  public SampleRef withFormatOptions(Map<String, String> options) {
    return new SampleRef(sampleId, dataset, source, split, label, labelName, archive, entry, format, sensor,
        timeWindowStartUs, timeWindowEndUs, metadata, options, listedAs);
  }

  /** A copy stamped with what its file looked like when the run listed it. */
  public SampleRef stamped(FileStamp stamp) {
    return new SampleRef(sampleId, dataset, source, split, label, labelName, archive, entry, format, sensor,
        timeWindowStartUs, timeWindowEndUs, metadata, formatOptions, stamp);
  }

  private static Map<String, String> sortedCopy(String field, Map<String, String> m) {
    if (m == null || m.isEmpty()) {
      return Collections.emptyMap();
    }
    TreeMap<String, String> copy = new TreeMap<>();
    m.forEach((k, v) -> {
      if (k == null || v == null) {
        throw invalid(field + " must not hold null keys or values, got " + k + "=" + v);
      }
      copy.put(k, v);
    });
    return Collections.unmodifiableMap(copy);
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
    // a backslash is an ordinary character of a name where '/' is the separator (Linux, macOS); where it is not
    // (Windows) it would be a separator, so a path holding one is refused there
    if (path.startsWith("/") || java.io.File.separatorChar != '/' && path.indexOf('\\') >= 0) {
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
