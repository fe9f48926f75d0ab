package org.evshard.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
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

  /** Bytes a line of a list file may hold (a path; PATH_MAX is 4096 on Linux). */
  public static final int MAX_LINE_BYTES = 1 << 16;

  /**
   * Reads {@code listFile}: one relative path per line ({@code ./} prefix allowed); blank lines and lines starting
   * with {@code #} are skipped. Lines end as {@link java.io.BufferedReader#readLine} ends them (LF, CR or CR LF). A
   * path that is absolute, holds {@code ..} or a backslash fails, naming the line; a line that is not UTF-8 names its
   * line and the offset of its first bad byte (streamed: a decoder that reads ahead cannot say which line it was).
   */
  public static FileListing read(Path listFile) throws IOException {
    TreeSet<String> set = new TreeSet<>();
    String source = listFile.toString();
    CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder(); // reports malformed input
    byte[] buf = new byte[1 << 16];
    byte[] line = new byte[256];
    int len = 0;
    int n = 0;
    long pos = 0;
    long lineStart = 0;
    boolean afterCr = false;
    try (InputStream in = Files.newInputStream(listFile)) {
      for (int r = in.read(buf); r >= 0; r = in.read(buf)) {
        for (int i = 0; i < r; i++, pos++) {
          byte b = buf[i];
          if (b == '\n' && afterCr) { // the LF of a CR LF: the CR ended the line
            afterCr = false;
            lineStart = pos + 1;
            continue;
          }
          afterCr = b == '\r';
          if (b == '\n' || b == '\r') {
            addLine(set, utf8, line, len, ++n, lineStart, source);
            len = 0;
            lineStart = pos + 1;
            continue;
          }
          if (len == MAX_LINE_BYTES) {
            throw new FileListException(source + " line " + (n + 1) + " (at byte " + lineStart + "): longer than "
                + MAX_LINE_BYTES + " bytes");
          }
          if (len == line.length) {
            line = java.util.Arrays.copyOf(line, 2 * len);
          }
          line[len++] = b;
        }
      }
    }
    if (len > 0) {
      addLine(set, utf8, line, len, ++n, lineStart, source);
    }
    return new FileListing(set, source);
  }

  /** Line {@code n} of a list file ({@code len} bytes from byte {@code start}), checked and added unless skipped. */
  private static void addLine(TreeSet<String> set, CharsetDecoder utf8, byte[] bytes, int len, int n, long start,
      String source) {
    if (n > MAX_LINES) {
      throw new FileListException(source + ": more than " + MAX_LINES + " lines");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes, 0, len);
    String line;
    try {
      line = utf8.reset().decode(in).toString();
    } catch (CharacterCodingException e) {
      // decode() stops at the malformed sequence: the buffer's position is its first byte
      throw new FileListException(String.format("%s line %d: not UTF-8 text: byte 0x%02X at offset %d", source, n,
          bytes[in.position()] & 0xFF, start + in.position()));
    }
    String s = line.strip();
    if (!s.isEmpty() && !s.startsWith("#")) {
      set.add(check(s, source, n));
    }
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
