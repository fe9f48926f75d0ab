package org.evshard.datasets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The small text files a corpus ships (split lists, label files, class mappings) and small option files (a label
 * map), read as strict UTF-8; a leading byte order mark (Notepad's, Excel's) is dropped. A file that is not UTF-8
 * text fails with the offset and line of its first bad byte, and a file too large to be one of them fails before it
 * is read; the JDK's own {@code MalformedInputException} says neither ("Input length = 1").
 */
public final class TextFiles {

  /** The largest list or label file read (DailyDVS-200's lists are about 1 MB, DVS Gesture's label files 1 KB). */
  public static final long MAX_BYTES = 64L << 20;

  private TextFiles() {}

  /**
   * The lines of {@code file}, split as {@link Files#readAllLines} splits them. A problem (too large, not UTF-8) is
   * thrown as {@code fail.apply(problem)}, e.g. {@code "is not UTF-8 text: byte 0xFF at offset 47 (line 2)"}.
   */
  public static List<String> readLines(Path file, Function<String, ? extends RuntimeException> fail)
      throws IOException {
    long size = Files.size(file);
    if (size > MAX_BYTES) {
      throw fail.apply("is " + size + " bytes, more than the " + MAX_BYTES + " a list or label file may have");
    }
    byte[] bytes = Files.readAllBytes(file);
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      int line = 1;
      for (int i = 0; i < at; i++) {
        if (bytes[i] == '\n') {
          line++;
        }
      }
      throw fail.apply(String.format("is not UTF-8 text: byte 0x%02X at offset %d (line %d)", bytes[at] & 0xFF,
          at, line));
    }
    String text = out.flip().toString();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // the byte order mark Windows editors put in front: not part of the first line
    }
    try (BufferedReader lines = new BufferedReader(new StringReader(text))) {
      return lines.lines().toList();
    }
  }
}
