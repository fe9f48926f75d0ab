package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.Detection;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.EventWriter;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.format.RecordingSplit;

/**
 * Prophesee EVT 3.0 RAW files (16-bit vectorized words). Recognised by a {@code % evt 3.0} or {@code % format EVT3}
 * header line; registered before EVT 2.0 and 2.1 so that a {@code .raw} file whose header declares no encoding opens
 * as EVT 3.0, the default encoding of current Prophesee sensors.
 */
public final class Evt3Format implements EventFormat {

  public static final String NAME = "evt3";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of("evt3.0", "evt30");
  }

  @Override
  public List<String> extensions() {
    return List.of(".raw");
  }

  /** HEADER when the header declares this encoding, NO when it declares another, else EXTENSION for {@code .raw}. */
  @Override
  public Detection detect(byte[] head, int length, String fileName) {
    String declared = RawHeader.probe(head, length);
    if (declared != null) {
      return declared.equals(NAME) ? Detection.HEADER : Detection.NO;
    }
    boolean ext = fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".raw");
    return ext && length > 0 ? Detection.EXTENSION : Detection.NO;
  }

  @Override
  public EventReader open(InputStream in, String sourceName, ReadOptions options) throws IOException {
    try {
      return new Evt3Reader(in, sourceName, options);
    } catch (RuntimeException | IOException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Splits at TIME_HIGH words about {@code targetBytes} apart, each carrying the decoder state there, found in one
   * pass over the words' types ({@link WordSplitPlanner}); the header is read and checked as by the reader.
   */
  @Override
  public List<RecordingSplit> planSplits(Path file, long targetBytes, ReadOptions options) throws IOException {
    return new Evt3SplitPlanner().plan(file, NAME, open(Files.newInputStream(file), file.toString(), options),
        targetBytes);
  }

  @Override
  public EventReader openSplit(RecordingSplit split, ReadOptions options) throws IOException {
    if (!(split.state() instanceof Evt3SplitState state)) {
      throw new IllegalArgumentException("not an EVT 3.0 split: " + split);
    }
    InputStream in = Files.newInputStream(Path.of(split.file()));
    try {
      return new Evt3Reader(in, split.file(), options, split.start(), split.end(), state);
    } catch (RuntimeException | IOException e) {
      in.close();
      throw e;
    }
  }

  /** Writes an EVT 3.0 RAW file; the header states {@code geometry} when it is given (it may be null). */
  @Override
  public Optional<EventWriter> openWriter(OutputStream out, SensorGeometry geometry) {
    return Optional.of(new Evt3Writer(out, geometry));
  }
}
