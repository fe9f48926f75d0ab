package org.evshard.pipelines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The tool version recorded in every manifest and shard, from the build. */
public final class EvshardVersion {

  private static final String VERSION = load();

  private EvshardVersion() {}

  public static String get() {
    return VERSION;
  }

  private static String load() {
    try (InputStream in = EvshardVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
