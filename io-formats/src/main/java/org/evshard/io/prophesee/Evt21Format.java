package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.evshard.io.format.Detection;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/**
 * Prophesee EVT 2.1 RAW files (64-bit vectorized words). Recognised by a {@code % evt 2.1} or {@code % format EVT21}
 * header line. evshard does not write EVT 2.1.
 */
public final class Evt21Format implements EventFormat {

  public static final String NAME = "evt21";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of("evt2.1");
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
      return new Evt21Reader(in, sourceName, options);
    } catch (RuntimeException | IOException e) {
      in.close();
      throw e;
    }
  }
}
