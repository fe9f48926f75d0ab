package org.evshard.io.aedat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import org.evshard.io.format.Detection;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/** cAER / libcaer's AEDAT 3.1 ({@code #!AER-DAT3.1}), e.g. the DVS128 Gesture recordings. */
public final class Aedat31Format implements EventFormat {

  public static final String NAME = "aedat31";
  static final String MAGIC = "#!AER-DAT3.1";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<String> aliases() {
    return List.of("aedat3", "aedat3.1", "caer");
  }

  @Override
  public List<String> extensions() {
    return List.of(".aedat3", ".aedat");
  }

  @Override
  public Detection detect(byte[] head, int length, String fileName) {
    if (AedatMagic.startsWith(head, length, MAGIC)) {
      return Detection.MAGIC;
    }
    boolean ext = fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".aedat3");
    return ext && length > 0 ? Detection.EXTENSION : Detection.NO;
  }

  @Override
  public EventReader open(InputStream in, String sourceName, ReadOptions options) throws IOException {
    return new Aedat31Reader(in, sourceName, options);
  }
}
