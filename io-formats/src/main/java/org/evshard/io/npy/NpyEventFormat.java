package org.evshard.io.npy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.Detection;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.EventWriter;
import org.evshard.io.format.ReadOptions;

/** Event arrays in NPY files (Tonic's structured dtype and its integer-width variants); recognised by the magic. */
public final class NpyEventFormat implements EventFormat {

  public static final String NAME = "npy";

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
  public List<String> extensions() {
    return List.of(".npy");
  }

  @Override
  public Detection detect(byte[] head, int length, String fileName) {
    return NpyHeader.hasMagic(head, length) ? Detection.MAGIC : Detection.NO;
  }

  @Override
  public EventReader open(InputStream in, String sourceName, ReadOptions options) throws IOException {
    try {
      return new NpyEventReader(in, sourceName, options);
    } catch (RuntimeException | IOException e) {
      in.close();
      throw e;
    }
  }

  /** Writes Tonic's dtype {@code [('x', '<i2'), ('y', '<i2'), ('t', '<i8'), ('p', '|b1')]}; geometry is not stored. */
  @Override
  public Optional<EventWriter> openWriter(OutputStream out, SensorGeometry geometry) {
    return Optional.of(new NpyEventWriter(out));
  }
}
