package org.evshard.io.aedat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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

  /** Bytes examined per read; {@code in} is marked for this many so that bytes past the header can be given back. */
  private static final int CHUNK = 8192;

  /**
   * Reads a header from the start of {@code in}, a chunk at a time (jAER writes its whole preferences XML into the
   * header, 175 KB in the shared DAVIS recording; byte-by-byte reads of a {@code BufferedInputStream} took 4 ms of
   * it). Bytes read past the header's end are given back with {@code reset} and {@code skipNBytes}.
   *
   * @param endLine the line that ends the header (consumed), or null to stop before the first byte that is not
   *     {@code #} at a line start (AEDAT 2.0)
   */
  static AedatTextHeader read(BufferedInputStream in, String source, int maxBytes, String endLine)
      throws IOException {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    byte[] chunk = new byte[CHUNK];
    long pos = 0; // header bytes consumed so far
    long start = 0; // offset of the current line
    boolean inLine = false;
    while (true) {
      in.mark(CHUNK);
      int n = in.read(chunk, 0, CHUNK);
      if (n < 0) {
        if (inLine) {
          throw new CorruptInputException(source, start, "the file ends inside a header line");
        }
        if (endLine == null) {
          return new AedatTextHeader(List.copyOf(lines), pos);
        }
        throw new CorruptInputException(source, pos, "the file ends inside the header: no " + endLine.strip()
            + " line ends it");
      }
      int i = 0;
      while (i < n) {
        if (!inLine) {
          int first = chunk[i] & 0xFF;
          if (first != '#') {
            if (endLine == null) {
              giveBack(in, i);
              return new AedatTextHeader(List.copyOf(lines), pos);
            }
            throw new CorruptInputException(source, pos, "header line starting with '#' or " + endLine,
                "byte 0x" + Integer.toHexString(first));
          }
          line.setLength(0);
          line.append('#');
          start = pos++;
          inLine = true;
          i++;
          continue;
        }
        int j = i;
        while (j < n && chunk[j] != '\n') {
          j++;
        }
        int len = j - i;
        if (len > 0 && pos + len > maxBytes) { // the count at the first byte beyond the limit, checked before copying
          throw new LimitExceededException(source, start, "text header length", Math.max(pos, maxBytes) + 1,
              maxBytes);
        }
        line.append(new String(chunk, i, len, StandardCharsets.ISO_8859_1)); // ASCII; anything else stays visible
        pos += len;
        if (j == n) {
          break; // the line goes on in the next chunk
        }
        pos++; // the '\n'
        i = j + 1;
        inLine = false;
        int end = line.length();
        if (line.charAt(end - 1) == '\r') {
          line.setLength(end - 1);
        }
        String text = line.toString();
        if (text.equals(endLine)) {
          giveBack(in, i);
          return new AedatTextHeader(List.copyOf(lines), pos);
        }
        lines.add(text);
      }
    }
  }

  /** Rewinds {@code in} to the mark and skips the {@code used} bytes of the last chunk that belong to the header. */
  private static void giveBack(BufferedInputStream in, int used) throws IOException {
    in.reset();
    in.skipNBytes(used);
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
