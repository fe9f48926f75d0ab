package org.evshard.io.text;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/**
 * Streams a text event file: one event per line, four columns separated by any run of blanks, tabs or commas, in the
 * order of a {@link TextLayout}. Lines starting with {@code #} and blank lines are skipped. Before the first event,
 * one header line is accepted: {@code width height} (two integers, rpg_e2vid's convention) sets the geometry, and a
 * line of column names (e.g. {@code x,y,t,p}) is checked against the layout, or sets it when the reader lets the header
 * decide. Timestamps are converted to microseconds on the decimal digits
 * ({@link TextTimeUnit}); x and y are integers 0..32767; p is {@code 1} (ON), {@code 0} or {@code -1} (OFF).
 *
 * <p>The parser works on bytes in one reused buffer of {@value #BUFFER_BYTES} bytes, which is also the longest line
 * accepted. Any other line is a {@link CorruptInputException} whose offset is the line's first byte and whose message
 * gives the line number.
 */
public final class TextEventReader implements EventReader {

  /** Size of the read buffer, and so the longest line accepted. */
  public static final int BUFFER_BYTES = 1 << 16;
  private static final int MAX_COORDINATE = SensorGeometry.MAX_SIDE - 1;
  private static final long[] POW10 = new long[19];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private final InputStream in;
  private final String source;
  private final ReadOptions options;
  private final boolean headerDecides;
  private TextLayout layout;
  private int[] roles;
  private int timeShift;
  private final byte[] buf = new byte[BUFFER_BYTES];
  private final int[] tokens = new int[8];
  private final Map<String, String> header = new LinkedHashMap<>();
  private int tokenCount;
  private int pos;
  private int limit;
  private int scanFrom;
  private long bufStart;
  private boolean eof;
  private long lineNumber;
  private int lineStart;
  private int lineEnd;
  private boolean pendingLine;
  private SensorGeometry fileGeometry;

  /** A reader of {@code layout}; a header line of column names must agree with it. */
  public TextEventReader(InputStream in, String source, ReadOptions options, TextLayout layout) throws IOException {
    this(in, source, options, layout, false);
  }

  /**
   * A reader of {@code layout}, or, when {@code headerDecides} and the file has a header line of column names, of the
   * order that line names, with t in microseconds when the first event's t is an integer and in seconds when it has a
   * fraction (a table exported from Tonic events, e.g. pandas' {@code x,y,t,p}).
   */
  public TextEventReader(InputStream in, String source, ReadOptions options, TextLayout layout, boolean headerDecides)
      throws IOException {
    this.in = in;
    this.source = source;
    this.options = options;
    this.headerDecides = headerDecides;
    use(layout);
    readHeader();
  }

  private void use(TextLayout l) {
    layout = l;
    roles = l.roles();
    timeShift = l.timeUnit().decimalShift();
    header.put("columns", String.join(" ", l.columnOrder().split("")));
    header.put("time_unit", l.timeUnit().symbol());
  }

  /** Skips comments, reads an optional header line, and leaves the first event line pending. */
  private void readHeader() throws IOException {
    String named = null; // the column order a header line of names gave
    while (readLine()) {
      int n = tokenize();
      if (n == 0) {
        continue;
      }
      if (named != null) { // the first event line: it decides the unit, and is decoded first
        pendingLine = true;
        if (headerDecides) {
          TextTimeUnit unit = n == 4 && hasFraction(tokens[2 * named.indexOf('t')], tokens[2 * named.indexOf('t') + 1])
              ? TextTimeUnit.SECONDS : TextTimeUnit.MICROSECONDS;
          use(new TextLayout(named, unit));
          header.put("layout_from", "column names in the header, t unit from the first event");
        }
        break;
      }
      if (n == 2 && isUnsigned(tokens[0], tokens[1]) && isUnsigned(tokens[2], tokens[3])) {
        int w = (int) parseUnsigned(tokens[0], tokens[1], "width", SensorGeometry.MAX_SIDE);
        int h = (int) parseUnsigned(tokens[2], tokens[3], "height", SensorGeometry.MAX_SIDE);
        if (w == 0 || h == 0) {
          throw corrupt("header 'width height' must be positive, found " + w + " " + h);
        }
        fileGeometry = new SensorGeometry(w, h);
        header.put("width", Integer.toString(w));
        header.put("height", Integer.toString(h));
      } else if (n == 4 && isLetter(buf[tokens[0]]) && isLetter(buf[tokens[2]]) && isLetter(buf[tokens[4]])
          && isLetter(buf[tokens[6]])) {
        String names = new String(buf, lineStart, lineEnd - lineStart, java.nio.charset.StandardCharsets.UTF_8).trim();
        header.put("column_names", names);
        named = columnOrder(names);
        if (!headerDecides && !named.equals(layout.columnOrder())) {
          throw corrupt("the header names the columns '" + names + "' (order " + named + "), but this reader's "
              + "layout is " + layout + ": give that order");
        }
        continue;
      } else {
        pendingLine = true;
      }
      break;
    }
    if (named != null && !pendingLine && headerDecides) { // names, then no event: the order still stands
      use(new TextLayout(named, TextTimeUnit.MICROSECONDS));
    }
    if (bufStart + limit == 0 && eof) {
      throw new CorruptInputException(source, 0, "empty recording: 0 bytes");
    }
  }

  @Override
  public String formatName() {
    return TextEventFormat.NAME;
  }

  @Override
  public String sourceName() {
    return source;
  }

  /** The {@code width height} header line when there is one, else the geometry in the options. */
  @Override
  public Optional<SensorGeometry> geometry() {
    return fileGeometry != null ? Optional.of(fileGeometry) : options.sensorOption();
  }

  @Override
  public Map<String, String> headerFields() {
    return Collections.unmodifiableMap(header);
  }

  /** The layout this reader applies. */
  public TextLayout layout() {
    return layout;
  }

  @Override
  public boolean nextChunk(EventChunk chunk) throws IOException {
    int n = 0;
    int cap = chunk.capacity();
    while (n < cap) {
      if (pendingLine) {
        pendingLine = false;
      } else if (plainLine(chunk, n)) {
        n++;
        continue;
      } else if (!readLine()) {
        break;
      } else if (tokenize() == 0) {
        continue;
      }
      decodeLine(chunk, n);
      n++;
    }
    chunk.setSize(n);
    return n > 0;
  }

  /**
   * Decodes the line at {@link #pos} into entry {@code i} in one pass over its bytes when it is a plain event line:
   * four tokens of the layout's kinds, separated by blanks, tabs or commas, ended by a line break inside the buffer.
   * Anything else (a comment, a blank line, a line cut by the buffer's end or by the end of the file, any token the
   * general path would refuse, a timestamp of more than 18 significant digits) returns false having changed nothing,
   * and the general path ({@link #readLine}, {@link #tokenize}, {@link #decodeLine}) reads the same line: the same
   * values, the same errors ({@code TextPlainLineTest}). The general path scans each line three times; this pass
   * made the reader about 1.6 times faster (docs/BENCHMARKS.md).
   */
  private boolean plainLine(EventChunk chunk, int i) {
    final byte[] b = buf;
    final int lim = limit;
    int k = pos;
    long t = 0;
    int x = 0;
    int y = 0;
    boolean p = false;
    for (int c = 0; c < 4; c++) {
      while (k < lim && isSeparator(b[k])) { // leading blanks, then the run after each token
        k++;
      }
      int start = k;
      switch (roles[c]) {
        case TextLayout.T -> {
          long mantissa = 0;
          int significant = 0; // digits in the mantissa
          int kept = 0; // fraction digits in the mantissa
          for (int d; k < lim && (d = b[k] - '0') >= 0 && d <= 9; k++) {
            mantissa = mantissa * 10 + d;
            significant++;
          }
          int digits = significant; // all digits, the truncated fraction digits too
          if (k < lim && b[k] == '.') {
            int keepFraction = Math.max(timeShift, 0);
            for (k++; k < lim && b[k] >= '0' && b[k] <= '9'; k++) {
              digits++;
              if (kept < keepFraction) { // finer than a microsecond: truncated
                mantissa = mantissa * 10 + (b[k] - '0');
                kept++;
              }
            }
            significant += kept;
          }
          if (digits == 0 || significant > 18) {
            return false;
          }
          int shift = timeShift - kept;
          if (shift >= 0) {
            if (shift >= POW10.length || mantissa > Long.MAX_VALUE / POW10[shift]) {
              return false;
            }
            t = mantissa * POW10[shift];
          } else {
            t = -shift >= POW10.length ? 0 : mantissa / POW10[-shift];
          }
        }
        case TextLayout.X, TextLayout.Y -> {
          int v = 0;
          for (; k < lim; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9) {
              break;
            }
            v = v * 10 + d;
            if (v > MAX_COORDINATE) {
              return false;
            }
          }
          if (k == start) {
            return false;
          }
          if (roles[c] == TextLayout.X) {
            x = v;
          } else {
            y = v;
          }
        }
        default -> {
          if (k < lim && (b[k] == '1' || b[k] == '0')) {
            p = b[k] == '1';
            k++;
          } else if (k + 1 < lim && b[k] == '-' && b[k + 1] == '1') {
            p = false;
            k += 2;
          } else {
            return false;
          }
        }
      }
      // the token must end at a separator or, after the fourth, at the line break
      if (k >= lim) {
        return false;
      }
      if (!isSeparator(b[k]) && (c < 3 || !isLineBreak(b, k, lim))) {
        return false;
      }
    }
    while (k < lim && isSeparator(b[k])) {
      k++;
    }
    if (k >= lim || !isLineBreak(b, k, lim)) {
      return false;
    }
    chunk.t[i] = t;
    chunk.x[i] = (short) x;
    chunk.y[i] = (short) y;
    chunk.p[i] = p;
    lineNumber++;
    pos = b[k] == '\n' ? k + 1 : k + 2;
    scanFrom = pos;
    return true;
  }

  /** A line break at {@code k}: {@code \n}, or {@code \r\n} (the one {@code \r} the general path drops). */
  private static boolean isLineBreak(byte[] b, int k, int lim) {
    return b[k] == '\n' || (b[k] == '\r' && k + 1 < lim && b[k + 1] == '\n');
  }

  /** Decodes the tokenized current line into entry {@code i} of the chunk. */
  private void decodeLine(EventChunk chunk, int i) {
    if (tokenCount != 4) {
      throw corrupt("expected 4 columns (" + layout.columnOrder() + "), found "
          + (tokenCount > 4 ? "more than 4" : Integer.toString(tokenCount)));
    }
    for (int c = 0; c < 4; c++) {
      int s = tokens[2 * c];
      int e = tokens[2 * c + 1];
      switch (roles[c]) {
        case TextLayout.T -> chunk.t[i] = parseTime(s, e);
        case TextLayout.X -> chunk.x[i] = (short) parseUnsigned(s, e, "x", MAX_COORDINATE);
        case TextLayout.Y -> chunk.y[i] = (short) parseUnsigned(s, e, "y", MAX_COORDINATE);
        default -> chunk.p[i] = parsePolarity(s, e);
      }
    }
  }

  /**
   * Splits the current line into at most 4 tokens (start/end pairs in {@link #tokens}); returns 0 for a blank or
   * comment line, else the number of tokens (5 means "more than 4").
   */
  private int tokenize() {
    int i = lineStart;
    int end = lineEnd;
    int n = 0;
    while (true) {
      while (i < end && isSeparator(buf[i])) {
        i++;
      }
      if (i >= end) {
        break;
      }
      if (n == 0 && buf[i] == '#') {
        break;
      }
      if (n == 4) {
        n = 5;
        break;
      }
      int s = i;
      while (i < end && !isSeparator(buf[i])) {
        i++;
      }
      tokens[2 * n] = s;
      tokens[2 * n + 1] = i;
      n++;
    }
    tokenCount = n;
    return n;
  }

  /** Column names to an order of t, x, y, p (Tonic's field names and their usual spellings), or an error. */
  private String columnOrder(String names) {
    StringBuilder order = new StringBuilder();
    for (int c = 0; c < 4; c++) {
      String name = new String(buf, tokens[2 * c], tokens[2 * c + 1] - tokens[2 * c],
          java.nio.charset.StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT);
      char role = switch (name) {
        case "t", "ts", "time", "timestamp", "timestamps" -> 't';
        case "x" -> 'x';
        case "y" -> 'y';
        case "p", "pol", "polarity", "polarities" -> 'p';
        default -> '?';
      };
      if (role == '?' || order.indexOf(String.valueOf(role)) >= 0) {
        throw corrupt("header line '" + names + "': expected the four column names t, x, y, p (or timestamp, "
            + "polarity) once each, in any order, found '" + name + "'" + (role == '?' ? "" : " twice"));
      }
      order.append(role);
    }
    return order.toString();
  }

  private boolean hasFraction(int s, int e) {
    for (int i = s; i < e; i++) {
      if (buf[i] == '.' || buf[i] == 'e' || buf[i] == 'E') {
        return true;
      }
    }
    return false;
  }

  private static boolean isSeparator(byte b) {
    return b == ' ' || b == '\t' || b == ',';
  }

  private static boolean isLetter(byte b) {
    return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || b == '_';
  }

  private boolean isUnsigned(int s, int e) {
    if (s >= e) {
      return false;
    }
    for (int i = s; i < e; i++) {
      if (buf[i] < '0' || buf[i] > '9') {
        return false;
      }
    }
    return true;
  }

  private long parseUnsigned(int s, int e, String what, long max) {
    long v = 0;
    for (int i = s; i < e; i++) {
      int d = buf[i] - '0';
      if (d < 0 || d > 9) {
        throw corrupt(what + " must be an unsigned integer, found '" + text(s, e) + "'");
      }
      v = v * 10 + d;
      if (v > max) {
        throw corrupt(what + " " + text(s, e) + " is outside 0.." + max);
      }
    }
    return v;
  }

  private boolean parsePolarity(int s, int e) {
    int len = e - s;
    if (len == 1 && buf[s] == '1') {
      return true;
    }
    if ((len == 1 && buf[s] == '0') || (len == 2 && buf[s] == '-' && buf[s + 1] == '1')) {
      return false;
    }
    throw corrupt("polarity must be 1, 0 or -1, found '" + text(s, e) + "'");
  }

  /** Decimal digits with an optional point, scaled to microseconds exactly; finer digits are dropped. */
  private long parseTime(int s, int e) {
    long mantissa = 0;
    int digits = 0;
    int kept = 0; // fraction digits kept in the mantissa
    boolean fraction = false;
    int keepFraction = Math.max(timeShift, 0);
    for (int i = s; i < e; i++) {
      byte b = buf[i];
      if (b >= '0' && b <= '9') {
        digits++;
        if (fraction && kept >= keepFraction) {
          continue; // finer than a microsecond: truncated
        }
        if (mantissa > (Long.MAX_VALUE - 9) / 10) {
          throw corrupt("timestamp " + text(s, e) + " is out of range");
        }
        mantissa = mantissa * 10 + (b - '0');
        if (fraction) {
          kept++;
        }
      } else if (b == '.' && !fraction) {
        fraction = true;
      } else {
        throw corrupt("timestamp must be a non-negative decimal number (no sign, no exponent), found '"
            + text(s, e) + "'");
      }
    }
    if (digits == 0) {
      throw corrupt("timestamp has no digits: '" + text(s, e) + "'");
    }
    int shift = timeShift - kept;
    if (shift >= 0) {
      if (shift >= POW10.length || mantissa > Long.MAX_VALUE / POW10[shift]) {
        throw corrupt("timestamp " + text(s, e) + " " + layout.timeUnit().symbol() + " overflows 64-bit microseconds");
      }
      return mantissa * POW10[shift];
    }
    return -shift >= POW10.length ? 0 : mantissa / POW10[-shift];
  }

  private String text(int s, int e) {
    int end = Math.min(e, s + 40);
    return new String(buf, s, end - s, java.nio.charset.StandardCharsets.ISO_8859_1) + (end < e ? "..." : "");
  }

  private CorruptInputException corrupt(String why) {
    return new CorruptInputException(source, bufStart + lineStart, "line " + lineNumber + ": " + why);
  }

  /** Finds the next line; sets {@link #lineStart} and {@link #lineEnd} (without the line break). */
  private boolean readLine() throws IOException {
    while (true) {
      for (int i = scanFrom; i < limit; i++) {
        if (buf[i] == '\n') {
          setLine(pos, i);
          pos = i + 1;
          scanFrom = pos;
          return true;
        }
      }
      scanFrom = limit;
      if (eof) {
        if (pos < limit) {
          setLine(pos, limit);
          pos = limit;
          return true;
        }
        return false;
      }
      if (pos == 0 && limit == buf.length) {
        lineNumber++;
        lineStart = 0;
        throw corrupt("longer than " + BUFFER_BYTES + " bytes (not a text event file?)");
      }
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      bufStart += pos;
      limit -= pos;
      scanFrom -= pos;
      pos = 0;
      int got = in.read(buf, limit, buf.length - limit);
      if (got < 0) {
        eof = true;
      } else {
        limit += got;
      }
    }
  }

  private void setLine(int start, int end) {
    lineNumber++;
    lineStart = start;
    lineEnd = end > start && buf[end - 1] == '\r' ? end - 1 : end;
  }

  @Override
  public long bytePosition() {
    return bufStart + pos;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
