package org.evshard.io.aedat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.format.Detection;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/**
 * jAER's AEDAT 2.0 ({@code #!AER-DAT2.0}), read with the {@link Aedat2Axes#JAER} axes unless the format option
 * {@code axes} ({@link Aedat2Axes#OPTION}) names another convention, e.g. {@code axes=spikingjelly-cifar10dvs}.
 */
public final class Aedat2Format implements EventFormat {

  public static final String NAME = "aedat2";
  static final String MAGIC = "#!AER-DAT2.0";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of("aedat2.0", "jaer");
  }

  @Override
  public List<String> extensions() {
    return List.of(".aedat");
  }

  @Override
  public Detection detect(byte[] head, int length, String fileName) {
    if (AedatMagic.startsWith(head, length, MAGIC)) {
      return Detection.MAGIC;
    }
    boolean ext = fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".aedat");
    return ext && !AedatMagic.startsWith(head, length, AedatMagic.ANY_VERSION) ? Detection.EXTENSION : Detection.NO;
  }

  @Override
  public EventReader open(InputStream in, String sourceName, ReadOptions options) throws IOException {
    Aedat2Axes axes;
    try {
      axes = Aedat2Axes.fromOption(options.formatOption(Aedat2Axes.OPTION));
    } catch (IllegalArgumentException e) {
      in.close();
      throw new UnsupportedFormatException(sourceName, 0, e.getMessage());
    }
    return new Aedat2Reader(in, sourceName, options, axes);
  }
}
