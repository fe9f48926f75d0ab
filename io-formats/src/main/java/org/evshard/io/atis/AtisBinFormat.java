package org.evshard.io.atis;

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
 * The ATIS {@code .bin} format of N-MNIST and N-Caltech101 (5 bytes per event). It has no magic number and states
 * no sensor geometry, so it is recognised by the {@code .bin} extension only.
 */
public final class AtisBinFormat implements EventFormat {

  public static final String NAME = "atis-bin";

  /** The format has no header: the geometry is always the one given in the options. */
  @Override
  public boolean statesGeometry() {
    return false;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of("nmnist", "ncaltech101", "bin");
  }

  @Override
  public List<String> extensions() {
    return List.of(".bin");
  }

  @Override
  public Detection detect(byte[] head, int length, String fileName) {
    boolean bin = fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".bin");
    return bin && length > 0 ? Detection.EXTENSION : Detection.NO;
  }

  @Override
  public EventReader open(InputStream in, String sourceName, ReadOptions options) {
    return new AtisBinReader(in, sourceName, options);
  }

  /** Writes 5-byte records; the geometry is not stored (the format has no place for it). */
  @Override
  public Optional<EventWriter> openWriter(OutputStream out, SensorGeometry geometry) {
    return Optional.of(new AtisBinWriter(out));
  }
}
