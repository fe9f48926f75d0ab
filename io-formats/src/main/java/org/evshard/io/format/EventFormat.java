package org.evshard.io.format;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.file.UnchangedFileInputStream;

/**
 * One event file format: its name, how to recognise it, and how to read (and, where supported, write) it. Formats
 * plug into {@link EventFormats}: built-ins are listed there, others through {@code java.util.ServiceLoader}.
 */
public interface EventFormat {

  /** Registry name, lower case, e.g. {@code atis-bin}, {@code npy}. */
  String name();

  /** Other names users may type, e.g. {@code nmnist}. */
  default List<String> aliases() {
    return List.of();
  }

  /**
   * Whether a file of this format can state its own sensor geometry. False for formats whose readers always report
   * the geometry given in {@link ReadOptions} (ATIS {@code .bin}, Tonic's NPY): every file of a dataset read with one
   * {@code --sensor} then has that sensor.
   */
  default boolean statesGeometry() {
    return true;
  }

  /** File name endings, lower case with the dot, e.g. {@code .bin}. */
  List<String> extensions();

  /**
   * How sure this format is that a file is its own.
   *
   * @param head the first bytes of the file (up to {@link EventFormats#PROBE_BYTES})
   * @param length how many bytes of {@code head} are valid
   * @param fileName the file's name, for extension checks
   */
  Detection detect(byte[] head, int length, String fileName);

  /** Opens a streaming reader over {@code in}; the reader closes {@code in}. */
  EventReader open(InputStream in, String sourceName, ReadOptions options) throws IOException;

  /**
   * Opens a reader over a file. Formats that need random access (HDF5) override this; the default streams the file
   * through {@link #open(InputStream, String, ReadOptions)}, and a reader that reaches the end finds it where the file
   * ended when it was opened, or throws {@link org.evshard.io.error.InputChangedException} (a copy still being
   * written, a file cut or replaced while it was read).
   */
  default EventReader openPath(Path file, String sourceName, ReadOptions options) throws IOException {
    return open(UnchangedFileInputStream.open(file, sourceName), sourceName, options);
  }

  /**
   * Plans the splits of a file for {@link RecordingSplits}: boundaries where reading can resume, about
   * {@code targetBytes} apart. The default is one split for the whole file (formats that cannot resume mid-file).
   */
  default List<RecordingSplit> planSplits(Path file, long targetBytes, ReadOptions options) throws IOException {
    return List.of(new RecordingSplit(file.toString(), name(), 0, 0, Files.size(file), null));
  }

  /**
   * Opens a reader over one split this format planned. The default accepts only the whole-file split of the default
   * {@link #planSplits}.
   */
  default EventReader openSplit(RecordingSplit split, ReadOptions options) throws IOException {
    Path file = Path.of(split.file());
    if (split.start() != 0 || split.state() != null || split.end() != Files.size(file)) {
      throw new IllegalArgumentException(name() + " reads only whole-file splits, got bytes [" + split.start() + ", "
          + split.end() + ") of " + split.file());
    }
    return openPath(file, split.file(), options);
  }

  /** A writer of this format, when evshard can write it; the writer closes {@code out}. */
  default Optional<EventWriter> openWriter(OutputStream out, SensorGeometry geometry) throws IOException {
    return Optional.empty();
  }
}
