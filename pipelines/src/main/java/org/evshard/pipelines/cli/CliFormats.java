package org.evshard.pipelines.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.evshard.io.format.DetectedFormat;
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

  /**
   * The registry name to open {@code file} with: {@code format} when one is given, else the detected one. When the
   * file does not state its format and others share its extension (a {@code .raw} file whose header declares no
   * encoding opens as EVT 3.0), a warning on stderr names the file, what was assumed and how to choose.
   */
  static String resolve(String command, Path file, String format) throws IOException {
    String name = nameOrNull(format);
    if (name != null) {
      return name;
    }
    DetectedFormat d = EventFormats.defaults().detection(file);
    if (d.assumed()) {
      System.err.println("evshard " + command + ": warning: " + assumption(file, d));
    }
    return d.format().name();
  }

  /**
   * {@code FILE does not state its encoding (evt3, evt2 and evt21 share the extension .raw): assumed evt3; pass
   * --format evt2 or --format evt21 to read it as another}.
   */
  static String assumption(Path file, DetectedFormat d) {
    List<String> all = new java.util.ArrayList<>();
    all.add(d.format().name());
    List<String> others = d.alsoMatching().stream().map(EventFormat::name).toList();
    all.addAll(others);
    String fileName = file.getFileName().toString();
    int dot = fileName.lastIndexOf('.');
    String extension = dot < 0 ? "" : " " + fileName.substring(dot);
    return file + " does not state its encoding (" + String.join(", ", all.subList(0, all.size() - 1)) + " and "
        + all.get(all.size() - 1) + " share the extension" + extension + "): assumed " + d.format().name()
        + "; pass --format " + String.join(" or --format ", others) + " to read it as another";
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
