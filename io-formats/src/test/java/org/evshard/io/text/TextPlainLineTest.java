package org.evshard.io.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.events.Events;
import org.evshard.io.format.ReadOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The reader decodes plain lines in one pass and hands every other line to its general path. A stream that gives one
 * byte per read never has a whole line ahead in the buffer, so it takes the general path for every line: both must
 * give the same events, or the same error at the same offset, on lines near and across every rule.
 */
class TextPlainLineTest {

  private static final String[] SEPARATORS = {" ", "  ", "\t", ",", ", ", " ,\t"};
  private static final String[] BREAKS = {"\n", "\r\n"};

  @ParameterizedTest
  @CsvSource({"txyp, s", "txyp, ms", "txyp, us", "txyp, ns", "xytp, us", "pyxt, s"})
  void plainLinesDecodeAsTheGeneralPathDoes(String order, String unit) throws IOException {
    TextLayout layout = new TextLayout(order, TextTimeUnit.parse(unit));
    for (long seed = 0; seed < 300; seed++) {
      String text = randomFile(new SplittableRandom(seed * 31 + order.hashCode() + unit.hashCode()), order);
      assertEquals(outcome(text, layout, false), outcome(text, layout, true), "seed " + seed + ":\n" + text);
    }
  }

  /** Events as text, or the error's class, offset and message. */
  private static String outcome(String text, TextLayout layout, boolean byteByByte) throws IOException {
    byte[] data = text.getBytes(StandardCharsets.ISO_8859_1);
    InputStream in = new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, byteByByte ? Math.min(len, 1) : len);
      }
    };
    ReadOptions o = ReadOptions.defaults().withChunkSize(3);
    try (TextEventReader r = new TextEventReader(in, "e.txt", o, layout)) {
      Events e = r.readAll(o);
      StringBuilder s = new StringBuilder();
      for (int i = 0; i < e.size(); i++) {
        s.append(e.t()[i]).append(' ').append(e.x()[i]).append(' ').append(e.y()[i]).append(' ')
            .append(e.p()[i]).append('\n');
      }
      assertTrue(r.bytePosition() == data.length);
      return s.toString();
    } catch (EvshardIoException e) {
      return e.getClass().getSimpleName() + " at " + e.offset() + ": " + e.getMessage();
    }
  }

  private static String randomFile(SplittableRandom r, String order) {
    StringBuilder b = new StringBuilder();
    int lines = r.nextInt(1, 12);
    for (int l = 0; l < lines; l++) {
      int kind = r.nextInt(20);
      if (kind == 0) {
        b.append("# comment ").append(r.nextInt(100));
      } else if (kind == 1) {
        b.append(SEPARATORS[r.nextInt(SEPARATORS.length)]); // blank line
      } else {
        if (r.nextInt(4) == 0) {
          b.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
        }
        int columns = r.nextInt(30) == 0 ? r.nextInt(2, 6) : 4;
        for (int c = 0; c < columns; c++) {
          if (c > 0) {
            b.append(r.nextInt(40) == 0 ? "" : SEPARATORS[r.nextInt(SEPARATORS.length)]);
          }
          char role = order.charAt(c % 4);
          b.append(role == 't' ? time(r) : role == 'p' ? polarity(r) : coordinate(r));
        }
        if (r.nextInt(4) == 0) {
          b.append(SEPARATORS[r.nextInt(SEPARATORS.length)]);
        }
        if (r.nextInt(40) == 0) {
          b.append(r.nextBoolean() ? "\r" : " x");
        }
      }
      if (l < lines - 1 || r.nextBoolean()) {
        b.append(BREAKS[r.nextInt(BREAKS.length)]);
      }
    }
    return b.toString();
  }

  private static String time(SplittableRandom r) {
    switch (r.nextInt(13)) {
      case 12: // the 64-bit edge, in every unit
        String[] edge = {"9223372036854775807", "9223372036854775808", "922337203685477580.7", "999999999999999999",
            "9999999999999999999", "9223372036854.775807", "9223372036854775.807"};
        return edge[r.nextInt(edge.length)];
      case 0:
        return "1e5";
      case 1:
        return ".";
      case 2:
        return "1.2.3";
      case 3:
        return "-" + r.nextInt(1000);
      case 4: // long mantissas around the 18-digit and 64-bit limits
        return (r.nextBoolean() ? "9" : "") + digits(r, r.nextInt(15, 22)) + (r.nextBoolean() ? "." + digits(r, r.nextInt(0, 12)) : "");
      default:
        String whole = r.nextInt(5) == 0 ? "" : Long.toString(r.nextLong(0, 10_000_000_000L));
        return r.nextBoolean() ? whole + "." + digits(r, r.nextInt(0, 13)) : (whole.isEmpty() ? "7" : whole);
    }
  }

  private static String coordinate(SplittableRandom r) {
    switch (r.nextInt(15)) {
      case 0:
        return "32767";
      case 1:
        return "32768";
      case 2:
        return "-1";
      case 3:
        return "00012";
      case 4:
        return "1.0";
      case 5:
        return "99999999999";
      default:
        return Integer.toString(r.nextInt(0, 2000));
    }
  }

  private static String polarity(SplittableRandom r) {
    String[] p = {"1", "0", "-1", "1", "0", "-1", "2", "-", "10", "+1", "-10"};
    return p[r.nextInt(p.length)];
  }

  private static String digits(SplittableRandom r, int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append((char) ('0' + r.nextInt(10)));
    }
    return s.toString();
  }
}
