package org.evshard.pipelines.cli;

import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventFormats;

/** The event format registry as the command line sees it: {@code --format auto} (detect) or a registry name. */
final class CliFormats {

  /** The value of {@code --format} that means: detect from the file's first bytes and name. */
  static final String AUTO = "auto";

  private CliFormats() {}

  /** null for {@code auto} (or none), else the name as typed (the registry checks it, aliases included). */
  static String nameOrNull(String format) {
    return format == null || format.isBlank() || format.trim().equalsIgnoreCase(AUTO) ? null : format.trim();
  }

  /** {@code auto} and every registered format name, for {@code --format}'s help. */
  static final class Candidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      List<String> names = new java.util.ArrayList<>();
      names.add(AUTO);
      names.addAll(EventFormats.defaults().names());
      return names.iterator();
    }
  }

  /** The first registered format (registry order) whose extensions include {@code fileName}'s, or null. */
  static EventFormat byExtension(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (EventFormat f : EventFormats.defaults().all()) {
      for (String ext : f.extensions()) {
        if (lower.endsWith(ext)) {
          return f;
        }
      }
    }
    return null;
  }
}
