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
}
