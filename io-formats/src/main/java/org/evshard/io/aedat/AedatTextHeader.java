package org.evshard.io.aedat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;

/**
 * The {@code #} text header of AEDAT 2.0 and 3.1 files: lines starting with {@code #}, ended by {@code \n} (an
 * optional {@code \r} before it is dropped). AEDAT 2.0 ends the header at the first line not starting with
 * {@code #}; AEDAT 3.1 at the line {@code #!END-HEADER}.
 *
 * @param lines the header lines without line ends, the {@code #} kept
 * @param length bytes the header takes in the file
 */
record AedatTextHeader(List<String> lines, long length) {

  /** Line that ends an AEDAT 3.1 header. */
  static final String END_HEADER = "#!END-HEADER";

  /**
   * Reads a header from the start of {@code in}.
   *
   * @param endLine the line that ends the header (consumed), or null to stop before the first byte that is not
   *     {@code #} at a line start (AEDAT 2.0)
   */
  static AedatTextHeader read(BufferedInputStream in, String source, int maxBytes, String endLine)
      throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    long pos = 0;
    while (true) {
      in.mark(1);
      int first = in.read();
      if (first != '#') {
        if (endLine == null) {
          if (first >= 0) {
            in.reset();
          }
          return new AedatTextHeader(List.copyOf(lines), pos);
        }
        throw new CorruptInputException(source, pos, first < 0
            ? "the file ends inside the header, before " + endLine
            : "header line starting with '#' or " + endLine, "byte 0x" + Integer.toHexString(first));
      }
      line.setLength(0);
      line.append('#');
      long start = pos++;
      int b;
      while ((b = in.read()) != '\n') {
        if (b < 0) {
          throw new CorruptInputException(source, start, "the file ends inside a header line");
        }
        if (++pos > maxBytes) {
          throw new LimitExceededException(source, start, "text header length", pos, maxBytes);
        }
        line.append((char) b); // ISO-8859-1: the headers are ASCII, anything else stays visible
      }
      pos++;
      int n = line.length();
      if (n > 0 && line.charAt(n - 1) == '\r') {
        line.setLength(n - 1);
      }
      String text = line.toString();
      if (text.equals(endLine)) {
        return new AedatTextHeader(List.copyOf(lines), pos);
      }
      lines.add(text);
    }
  }

  /** The value after {@code key} (case-insensitive, e.g. {@code "# AEChip:"}) in the first line that has it. */
  Optional<String> value(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (String l : lines) {
      if (l.toLowerCase(Locale.ROOT).startsWith(k)) {
        return Optional.of(l.substring(k.length()).trim());
      }
    }
    return Optional.empty();
  }
}
