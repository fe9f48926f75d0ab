package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.evshard.io.format.Detection;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.io.format.RecordingSplit;

/**
 * Prophesee EVT 2.0 RAW files (32-bit words). Recognised by a {@code % evt 2.0} or {@code % format EVT2} header
 * line; a {@code .raw} file whose header declares no encoding is only an extension match (EVT 3.0 is registered first
 * and wins such ties). evshard does not write EVT 2.0.
 */
public final class Evt2Format implements EventFormat {

  public static final String NAME = "evt2";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of("evt2.0", "evt20");
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
      return new Evt2Reader(in, sourceName, options);
    } catch (RuntimeException | IOException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Splits at TIME_HIGH words about {@code targetBytes} apart, each carrying the wrap count and last TIME_HIGH there,
   * found in one pass over the words ({@link WordSplitPlanner}); the header is read and checked as by the reader.
   */
  @Override
  public List<RecordingSplit> planSplits(Path file, long targetBytes, ReadOptions options) throws IOException {
    return new Evt2SplitPlanner().plan(file, NAME, open(Files.newInputStream(file), file.toString(), options),
        targetBytes);
  }

  @Override
  public EventReader openSplit(RecordingSplit split, ReadOptions options) throws IOException {
    if (!(split.state() instanceof Evt2SplitState state)) {
      throw new IllegalArgumentException("not an EVT 2.0 split: " + split);
    }
    InputStream in = Files.newInputStream(Path.of(split.file()));
    try {
      return new Evt2Reader(in, split.file(), options, split.start(), split.end(), state);
    } catch (RuntimeException | IOException e) {
      in.close();
      throw e;
    }
  }
}
