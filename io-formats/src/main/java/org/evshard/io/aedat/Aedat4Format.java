package org.evshard.io.aedat;

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

/** iniVation DV's AEDAT 4.0 ({@code #!AER-DAT4.0}); written with LZ4-compressed packets. */
public final class Aedat4Format implements EventFormat {

  public static final String NAME = "aedat4";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of("aedat4.0", "dv");
  }

  @Override
  public List<String> extensions() {
    return List.of(".aedat4");
  }

  @Override
  public Detection detect(byte[] head, int length, String fileName) {
    if (AedatMagic.startsWith(head, length, "#!AER-DAT4.0")) {
      return Detection.MAGIC;
    }
    boolean ext = fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".aedat4");
    return ext && length > 0 ? Detection.EXTENSION : Detection.NO;
  }

  @Override
  public EventReader open(InputStream in, String sourceName, ReadOptions options) throws IOException {
    return new Aedat4Reader(in, sourceName, options);
  }

  @Override
  public Optional<EventWriter> openWriter(OutputStream out, SensorGeometry geometry) throws IOException {
    return Optional.of(new Aedat4Writer(out, geometry, Aedat4Compression.LZ4, Aedat4Writer.DEFAULT_PACKET_EVENTS));
  }
}
