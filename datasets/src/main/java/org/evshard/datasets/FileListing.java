package org.evshard.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The files of a dataset as a list instead of a folder walk: relative paths with {@code /}, one per line of a text
 * file ({@code find . -type f -printf '%P\n' > files.txt}, or a pool's shard list). Discovery then matches the
 * dataset's layout against these names and touches only the files it uses, so a pool of millions of files on a
 * network file system is planned without listing it. A listed file that is missing is rejected when it is read,
 * like an unreadable one; a file that is not listed is not seen.
 */
public final class FileListing {

  /** Lines a list file may hold: far more than any corpus here, small enough to refuse a wrong file early. */
  public static final int MAX_LINES = 50_000_000;

  private final NavigableSet<String> paths;
  private final String source;

  private FileListing(NavigableSet<String> paths, String source) {
    this.paths = Collections.unmodifiableNavigableSet(paths);
    this.source = source;
  }

  /** A listing of {@code paths} (checked as the lines of a list file are). */
  public static FileListing of(Collection<String> paths) {
    TreeSet<String> set = new TreeSet<>();
    int n = 0;
    for (String p : paths) {
      set.add(check(p, "<list>", ++n));
    }
    return new FileListing(set, "<list>");
  }

  /**
   * Reads {@code listFile}: one relative path per line ({@code ./} prefix allowed); blank lines and lines starting
   * with {@code #} are skipped. A path that is absolute, holds {@code ..} or a backslash fails, naming the line.
   */
  public static FileListing read(Path listFile) throws IOException {
    TreeSet<String> set = new TreeSet<>();
    try (BufferedReader r = Files.newBufferedReader(listFile, StandardCharsets.UTF_8)) {
      int n = 0;
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (++n > MAX_LINES) {
          throw new FileListException(listFile + ": more than " + MAX_LINES + " lines");
        }
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
          continue;
        }
        set.add(check(s, listFile.toString(), n));
      }
    }
    return new FileListing(set, listFile.toString());
  }

  private static String check(String path, String source, int line) {
    String p = path.startsWith("./") ? path.substring(2) : path;
    if (p.isEmpty() || p.startsWith("/") || p.contains("\\") || ("/" + p + "/").contains("/../")
        || ("/" + p + "/").contains("/./") || p.endsWith("/") || p.contains("//")) {
      throw new FileListException(source + " line " + line + ": expected a relative file path with '/' and "
          + "no '..', found '" + path + "'");
    }
    return p;
  }

  /** The listed paths, sorted. */
  public NavigableSet<String> paths() {
    return paths;
  }

  /** Where the listing came from (a file name, or {@code <list>}). */
  public String source() {
    return source;
  }

  public int size() {
    return paths.size();
  }

  @Override
  public String toString() {
    return source + " (" + paths.size() + " files)";
  }
}
