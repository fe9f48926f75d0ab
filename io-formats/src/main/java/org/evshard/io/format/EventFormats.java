package org.evshard.io.format;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.UnsupportedFormatException;

/**
 * The registry of event formats: finds a format by name or by looking at a file, and opens readers. Formats register
 * through {@code META-INF/services/org.evshard.io.format.EventFormat}; the order of that file breaks detection ties.
 */
public final class EventFormats {

  /** How many leading bytes detection looks at. */
  public static final int PROBE_BYTES = 4096;

  private static final EventFormats DEFAULTS = new EventFormats(load());

  private final List<EventFormat> formats;

  public EventFormats(List<EventFormat> formats) {
    this.formats = List.copyOf(formats);
  }

  /** Every format found on the class path. */
  public static EventFormats defaults() {
    return DEFAULTS;
  }

  private static List<EventFormat> load() {
    List<EventFormat> found = new ArrayList<>();
    ServiceLoader.load(EventFormat.class, EventFormats.class.getClassLoader()).forEach(found::add);
    return found;
  }

  public List<EventFormat> all() {
    return formats;
  }

  /** The format called {@code name} (or one of its aliases), case-insensitive. */
  public EventFormat byName(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    for (EventFormat f : formats) {
      if (f.name().equals(n) || f.aliases().contains(n)) {
        return f;
      }
    }
    // the name is what is wrong, not a file: it stands where the source would
    throw new UnsupportedFormatException("format name '" + name + "'", -1, "unknown format '" + name + "'; known: "
        + names());
  }

  /** The names of the formats that list {@code extension} (e.g. {@code .raw}) among theirs, in registry order. */
  public List<String> namesWithExtension(String extension) {
    return formats.stream().filter(f -> f.extensions().contains(extension)).map(EventFormat::name).toList();
  }

  public List<String> names() {
    return formats.stream().map(EventFormat::name).toList();
  }

  /**
   * The format whose detection is strongest for these bytes; ties go to the earlier registered format. No bytes at all
   * is a {@link CorruptInputException} ({@code empty recording: 0 bytes}, as every reader says), whatever the name.
   */
  public EventFormat detect(byte[] head, int length, String fileName, String sourceName) {
    return detection(head, length, fileName, sourceName).format();
  }

  /**
   * As {@link #detect(byte[], int, String, String)}, with how sure the detection was and which formats tied with the
   * chosen one ({@link DetectedFormat#assumed()}: a {@code .raw} file whose header declares no encoding).
   */
  public DetectedFormat detection(byte[] head, int length, String fileName, String sourceName) {
    if (length <= 0) {
      throw new CorruptInputException(sourceName, 0, "empty recording: 0 bytes");
    }
    EventFormat best = null;
    Detection bestScore = Detection.NO;
    List<EventFormat> tied = new ArrayList<>();
    for (EventFormat f : formats) {
      Detection d = f.detect(head, length, fileName);
      if (d.compareTo(bestScore) > 0) {
        best = f;
        bestScore = d;
        tied.clear();
      } else if (best != null && d == bestScore) {
        tied.add(f);
      }
    }
    if (best == null) {
      throw new UnsupportedFormatException(sourceName, 0,
          "no known event format recognises this file (tried " + names() + "); pass --format NAME");
    }
    return new DetectedFormat(best, bestScore, tied);
  }

  /** Detects the format of a file from its first bytes and its name. */
  public EventFormat detect(Path file) throws IOException {
    return detection(file).format();
  }

  /** As {@link #detect(Path)}, with how sure the detection was and which formats tied with the chosen one. */
  public DetectedFormat detection(Path file) throws IOException {
    requireRecordingFile(file);
    byte[] head = new byte[PROBE_BYTES];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return detection(head, n, file.getFileName().toString(), file.toString());
  }

  /** Opens {@code file} with the named format, or the detected one when {@code formatName} is null. */
  public EventReader open(Path file, String formatName, ReadOptions options) throws IOException {
    EventFormat f = formatName == null ? detect(file) : byName(formatName);
    requireRecordingFile(file);
    return f.openPath(file, file.toString(), options);
  }

  /**
   * A directory, named pipe, socket or device (a link to {@code /dev/zero} or {@code /dev/urandom}) is refused before
   * it is opened: a pipe blocks the open forever, a device never ends, as {@code convert} already refused them.
   */
  private static void requireRecordingFile(Path file) throws IOException {
    java.nio.file.attribute.BasicFileAttributes a = Files.readAttributes(file,
        java.nio.file.attribute.BasicFileAttributes.class);
    if (a.isDirectory()) {
      throw new CorruptInputException(file.toString(), -1, "is a directory, expected a recording file");
    }
    if (!a.isRegularFile()) {
      throw new CorruptInputException(file.toString(), -1, "is not a regular file (a named pipe, socket or device), "
          + "expected a recording file: not opened");
    }
  }

  /**
   * Opens a stream (e.g. an archive member) with the named format, or the one detected from its first bytes and
   * {@code fileName} when {@code formatName} is null. The reader closes {@code in}.
   */
  public EventReader open(InputStream in, String fileName, String sourceName, String formatName, ReadOptions options)
      throws IOException {
    return open(in, fileName, sourceName, formatName, options, detected -> { });
  }

  /**
   * As {@link #open(InputStream, String, String, String, ReadOptions)}; when the format is detected, {@code detected}
   * is told how (e.g. to report a format only assumed from a shared extension) before the reader is opened.
   */
  public EventReader open(InputStream in, String fileName, String sourceName, String formatName, ReadOptions options,
      Consumer<DetectedFormat> detected) throws IOException {
    if (formatName != null) {
      return byName(formatName).open(in, sourceName, options);
    }
    BufferedInputStream buffered = new BufferedInputStream(in, PROBE_BYTES * 2);
    buffered.mark(PROBE_BYTES);
    byte[] head = buffered.readNBytes(PROBE_BYTES);
    buffered.reset();
    DetectedFormat d = detection(head, head.length, fileName, sourceName);
    detected.accept(d);
    return d.format().open(buffered, sourceName, options);
  }
}
