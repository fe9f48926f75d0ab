package org.evshard.io.aedat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.evshard.io.format.Detection;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/** jAER's AEDAT 2.0 ({@code #!AER-DAT2.0}), read with the {@link Aedat2Axes#JAER} axes. */
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
    return new Aedat2Reader(in, sourceName, options, Aedat2Axes.JAER);
  }
}
