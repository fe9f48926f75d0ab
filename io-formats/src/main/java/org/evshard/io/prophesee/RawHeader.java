package org.evshard.io.prophesee;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.events.SensorGeometry;

/**
 * The {@code %} text header of a Prophesee RAW ({@code .raw}) or DAT ({@code .dat}) file: lines {@code % key value}
 * up to a {@code % end} line or the first line that does not start with {@code %}. Geometry comes from
 * {@code % format NAME;height=H;width=W}, {@code % geometry WxH} or DAT's {@code % Width W} / {@code % Height H};
 * the encoding from {@code % format NAME} or {@code % evt X.Y}.
 */
final class RawHeader {

  private final Map<String, String> fields;
  private final Map<String, String> formatOptions;
  private final String encoding;
  private final SensorGeometry geometry;

  private RawHeader(Map<String, String> fields, Map<String, String> formatOptions, String encoding,
      SensorGeometry geometry) {
    this.fields = Collections.unmodifiableMap(fields);
    this.formatOptions = Collections.unmodifiableMap(formatOptions);
    this.encoding = encoding;
    this.geometry = geometry;
  }

  /** Every {@code % key value} line in file order (the first of repeated keys wins); {@code % end} is not kept. */
  Map<String, String> fields() {
    return fields;
  }

  /** The {@code key=value} options after the name in {@code % format NAME;k=v;...}, keys lower case. */
  Map<String, String> formatOptions() {
    return formatOptions;
  }

  /**
   * The event encoding the header declares: {@code evt2}, {@code evt21}, {@code evt3}, another name as written, or
   * empty when it declares none.
   */
  Optional<String> encoding() {
    return Optional.ofNullable(encoding);
  }

  Optional<SensorGeometry> geometry() {
    return Optional.ofNullable(geometry);
  }

  /**
   * Reads the header from the front of {@code in}, leaving {@code in.pos} at the first data byte.
   *
   * @throws CorruptInputException when the source is empty (0 bytes), a geometry value is not a valid size or the
   *     first {@code % format} line names no encoding
   * @throws LimitExceededException when the header takes more than {@code maxHeaderBytes} bytes
   */
  static RawHeader read(BlockInput in, String source, int maxHeaderBytes) throws IOException {
    if (in.available() == 0 && !in.fill()) {
      throw new CorruptInputException(source, 0, "empty recording: 0 bytes");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, String> options = new LinkedHashMap<>();
    String format = null;
    String evt = null;
    Integer width = null;
    Integer height = null;
    Integer formatWidth = null;
    Integer formatHeight = null;
    SensorGeometry stated = null;
    long headerBytes = 0;
    while ((in.available() > 0 || in.fill()) && in.buf[in.pos] == '%') {
      long lineOffset = in.position();
      int lineEnd = findNewline(in, source, headerBytes, maxHeaderBytes);
      if (lineEnd >= in.limit) { // a file cut inside its header (Prophesee ends every header line with '\n')
        throw new CorruptInputException(source, in.position() + (in.limit - in.pos), "the file ends inside a header "
            + "line (the line starting at byte " + lineOffset + " has no line end)");
      }
      int next = lineEnd + 1;
      headerBytes += next - in.pos;
      if (headerBytes > maxHeaderBytes) {
        throw new LimitExceededException(source, lineOffset, "header size", headerBytes, maxHeaderBytes);
      }
      String line = new String(in.buf, in.pos + 1, lineEnd - in.pos - 1, StandardCharsets.ISO_8859_1).strip();
      in.pos = next;
      if (line.equals("end")) {
        break;
      }
      int space = line.indexOf(' ');
      String key = space < 0 ? line : line.substring(0, space);
      String value = space < 0 ? "" : line.substring(space + 1).strip();
      if (key.isEmpty()) {
        continue;
      }
      fields.putIfAbsent(key, value);
      switch (key.toLowerCase(Locale.ROOT)) {
        case "format" -> {
          if (format == null) {
            // -1 keeps empty parts: a value of only ';' has no name, which "...".split(";") would hide by
            // returning no part at all
            String[] parts = value.split(";", -1);
            format = parts[0].strip();
            if (format.isEmpty()) {
              throw new CorruptInputException(source, lineOffset, "an encoding name in '% format NAME;...'",
                  "'% " + line + "'");
            }
            for (int i = 1; i < parts.length; i++) {
              int eq = parts[i].indexOf('=');
              if (eq > 0) {
                options.putIfAbsent(parts[i].substring(0, eq).strip().toLowerCase(Locale.ROOT),
                    parts[i].substring(eq + 1).strip());
              }
            }
            formatWidth = options.containsKey("width") ? size(options.get("width"), source, lineOffset) : null;
            formatHeight = options.containsKey("height") ? size(options.get("height"), source, lineOffset) : null;
          }
        }
        case "evt" -> evt = evt == null ? value : evt;
        case "geometry" -> stated = stated == null ? geometry(value, source, lineOffset) : stated;
        case "width" -> width = width == null ? size(value, source, lineOffset) : width;
        case "height" -> height = height == null ? size(value, source, lineOffset) : height;
        default -> { }
      }
    }
    SensorGeometry g = null;
    if (formatWidth != null && formatHeight != null) {
      g = new SensorGeometry(formatWidth, formatHeight);
    } else if (stated != null) {
      g = stated;
    } else if (width != null && height != null) {
      g = new SensorGeometry(width, height);
    }
    String encoding = format != null ? encodingOfFormat(format) : evt != null ? encodingOfEvt(evt) : null;
    return new RawHeader(fields, options, encoding, g);
  }

  /** Index of the {@code '\n'} ending the line at {@code in.pos}, or {@code in.limit} at the end of input. */
  private static int findNewline(BlockInput in, String source, long headerBytes, int maxHeaderBytes)
      throws IOException {
    int from = in.pos;
    while (true) {
      for (int i = from; i < in.limit; i++) {
        if (in.buf[i] == '\n') {
          return i;
        }
      }
      long sofar = headerBytes + in.available();
      if (sofar > maxHeaderBytes) {
        throw new LimitExceededException(source, in.position(), "header size", sofar, maxHeaderBytes);
      }
      if (in.full()) {
        throw new LimitExceededException(source, in.position(), "header line length", in.available(),
            in.buf.length - 1);
      }
      int scanned = in.limit - in.pos;
      if (!in.fill()) {
        return in.limit;
      }
      from = in.pos + scanned;
    }
  }

  private static int size(String text, String source, long offset) {
    try {
      int v = Integer.parseInt(text.strip());
      if (v <= 0 || v > SensorGeometry.MAX_SIDE) {
        throw new CorruptInputException(source, offset, "a sensor size of 1.." + SensorGeometry.MAX_SIDE,
            "'" + text + "' in the header");
      }
      return v;
    } catch (NumberFormatException e) {
      throw new CorruptInputException(source, offset, "an integer sensor size", "'" + text + "' in the header");
    }
  }

  private static SensorGeometry geometry(String text, String source, long offset) {
    String[] wh = text.strip().toLowerCase(Locale.ROOT).split("x");
    if (wh.length != 2) {
      throw new CorruptInputException(source, offset, "'% geometry WxH'", "'% geometry " + text + "'");
    }
    return new SensorGeometry(size(wh[0], source, offset), size(wh[1], source, offset));
  }

  /**
   * What the header at the front of {@code head} declares, for format detection: {@code evt2}, {@code evt21},
   * {@code evt3}, {@code dat} (a {@code % Data file containing ...} first line), another name, or null. Only the
   * probed bytes are looked at; nothing is thrown.
   */
  static String probe(byte[] head, int length) {
    String format = null;
    String evt = null;
    int i = 0;
    while (i < length && head[i] == '%') {
      int end = i;
      while (end < length && head[end] != '\n') {
        end++;
      }
      String line = new String(head, i + 1, end - i - 1, StandardCharsets.ISO_8859_1).strip();
      if (i == 0 && line.startsWith("Data file containing")) {
        return DatFormat.NAME;
      }
      if (line.equals("end")) {
        break;
      }
      if (format == null && line.startsWith("format ")) {
        String name = line.substring(7).split(";", -1)[0].strip();
        format = name.isEmpty() ? null : name; // a line without a name declares nothing; the reader refuses it
      } else if (evt == null && line.startsWith("evt ")) {
        evt = line.substring(4).strip();
      }
      i = end + 1;
    }
    return format != null ? encodingOfFormat(format) : evt != null ? encodingOfEvt(evt) : null;
  }

  static String encodingOfFormat(String format) {
    return switch (format.toUpperCase(Locale.ROOT)) {
      case "EVT2", "EVT20" -> Evt2Format.NAME;
      case "EVT21" -> Evt21Format.NAME;
      case "EVT3", "EVT30" -> Evt3Format.NAME;
      default -> format;
    };
  }

  static String encodingOfEvt(String version) {
    return switch (version) {
      case "2.0", "2" -> Evt2Format.NAME;
      case "2.1" -> Evt21Format.NAME;
      case "3.0", "3" -> Evt3Format.NAME;
      default -> "evt " + version;
    };
  }
}
