package org.evshard.io.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.evshard.io.error.CorruptInputException;

/**
 * Split reading of one large recording: {@link #plan} cuts a file into {@link RecordingSplit}s of about
 * {@code targetBytes} each, at boundaries where its format can resume (AEDAT 4.0: packet starts, from the data table;
 * EVT 2.0 / 3.0: TIME_HIGH words, with the decoder state carried in the split), and {@link #open} streams one split.
 * Formats without split support plan one split for the whole file. Reading every split of a plan in index order gives
 * exactly the events, triggers and skipped counts of one sequential read.
 */
public final class RecordingSplits {

  private RecordingSplits() {}

  /** Plans the splits of {@code file}, detecting its format. */
  public static List<RecordingSplit> plan(Path file, long targetBytes, ReadOptions options) throws IOException {
    return plan(file, null, targetBytes, options);
  }

  /**
   * Plans the splits of {@code file} read as {@code formatName} (detected when null).
   *
   * @param targetBytes the bytes a split should cover at least (the last one may be smaller); positive
   * @return at least one split, in file order
   */
  public static List<RecordingSplit> plan(Path file, String formatName, long targetBytes, ReadOptions options)
      throws IOException {
    if (targetBytes <= 0) {
      throw new IllegalArgumentException("targetBytes must be positive, got " + targetBytes);
    }
    EventFormats formats = EventFormats.defaults();
    if (Files.isDirectory(file)) {
      throw new CorruptInputException(file.toString(), -1, "is a directory, expected a recording file");
    }
    EventFormat f = formatName == null ? formats.detect(file) : formats.byName(formatName);
    return f.planSplits(file, targetBytes, options);
  }

  /** Opens a streaming reader over one split; the format is the one that planned it. */
  public static EventReader open(RecordingSplit split, ReadOptions options) throws IOException {
    return EventFormats.defaults().byName(split.format()).openSplit(split, options);
  }
}
