package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.Detection;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.EventWriter;
import org.evshard.io.format.ReadOptions;

/**
 * Prophesee DAT files ({@code .dat}: {@code %} header, type and size bytes, 8-byte CD records). Recognised by a
 * first header line {@code % Data file containing ...}, else by the {@code .dat} extension.
 */
public final class DatFormat implements EventFormat {

  public static final String NAME = "dat";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of("prophesee-dat");
  }

  @Override
  public List<String> extensions() {
    return List.of(".dat");
  }

  /** HEADER when the header declares this encoding, NO when it declares another, else EXTENSION for {@code .dat}. */
  @Override
  public Detection detect(byte[] head, int length, String fileName) {
    String declared = RawHeader.probe(head, length);
    if (declared != null) {
      return declared.equals(NAME) ? Detection.HEADER : Detection.NO;
    }
    boolean ext = fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".dat");
    return ext && length > 0 ? Detection.EXTENSION : Detection.NO;
  }

  @Override
  public EventReader open(InputStream in, String sourceName, ReadOptions options) throws IOException {
    try {
      return new DatReader(in, sourceName, options);
    } catch (RuntimeException | IOException e) {
      in.close();
      throw e;
    }
  }

  /** Writes a DAT file; the header states {@code geometry} when it is given (it may be null). */
  @Override
  public Optional<EventWriter> openWriter(OutputStream out, SensorGeometry geometry) {
    return Optional.of(new DatWriter(out, geometry));
  }
}
