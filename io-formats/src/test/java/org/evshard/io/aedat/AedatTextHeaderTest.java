package org.evshard.io.aedat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The header reader reads in chunks: lines and the header's end may fall anywhere against the chunk bounds. */
class AedatTextHeaderTest {

  private static final byte[] DATA = {0x00, 0x01, (byte) 0xFF, 0x23};

  /** Headers of random lines (some with CR LF) whose total length sweeps across multiples of the chunk size. */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 8190, 8191, 8192, 8193, 8194, 16383, 16384, 16385, 40000})
  void readsEveryLineAndStopsExactlyAtTheData(int approximateLength) throws IOException {
    for (long seed = 0; seed < 8; seed++) {
      List<String> lines = randomLines(approximateLength, seed);
      for (boolean crlf : new boolean[] {false, true}) {
        byte[] header = join(lines, crlf, null);
        BufferedInputStream in = stream(header, DATA);
        AedatTextHeader h = AedatTextHeader.read(in, "f.aedat", 1 << 20, null);
        assertEquals(lines, h.lines());
        assertEquals(header.length, h.length());
        assertEquals(DATA.length, in.available(), "bytes after the header");
        assertEquals(0x00, in.read());

        byte[] header31 = join(lines, crlf, AedatTextHeader.END_HEADER);
        BufferedInputStream in31 = stream(header31, DATA);
        AedatTextHeader h31 = AedatTextHeader.read(in31, "f.aedat", 1 << 20, AedatTextHeader.END_HEADER);
        assertEquals(lines, h31.lines());
        assertEquals(header31.length, h31.length());
        assertEquals(0x00, in31.read(), "the first byte after #!END-HEADER");
      }
    }
  }

  /** A line that straddles the limit fails at the first byte beyond it, before it is copied. */
  @Test
  void aLineBeyondTheLimitIsRefused() {
    byte[] header = ("#a\n#" + "x".repeat(20_000) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    LimitExceededException e = assertThrows(LimitExceededException.class,
        () -> AedatTextHeader.read(stream(header, DATA), "f.aedat", 10_000, null));
    assertEquals(3, e.offset(), "the offset of the long line");
    assertTrue(e.getMessage().contains("10001") && e.getMessage().contains("10000"), e.getMessage());
  }

  @Test
  void anEndOfFileInsideALineOrBeforeTheEndLineIsCorrupt() {
    byte[] open = ("#a\n#" + "y".repeat(9000)).getBytes(StandardCharsets.ISO_8859_1);
    CorruptInputException inLine = assertThrows(CorruptInputException.class,
        () -> AedatTextHeader.read(stream(open, new byte[0]), "f.aedat", 1 << 20, null));
    assertEquals(3, inLine.offset());
    assertTrue(inLine.getMessage().contains("ends inside a header line"), inLine.getMessage());

    byte[] noEnd = "#!AER-DAT3.1\r\n#x\r\n".getBytes(StandardCharsets.ISO_8859_1);
    CorruptInputException before = assertThrows(CorruptInputException.class,
        () -> AedatTextHeader.read(stream(noEnd, new byte[0]), "f.aedat", 1 << 20, AedatTextHeader.END_HEADER));
    assertEquals(noEnd.length, before.offset());
    assertTrue(before.getMessage().endsWith("the file ends inside the header: no #!END-HEADER line ends it"),
        before.getMessage());
  }

  @Test
  void aNonHeaderLineBeforeTheEndLineIsCorrupt() {
    byte[] bad = "#!AER-DAT3.1\r\nX\r\n".getBytes(StandardCharsets.ISO_8859_1);
    CorruptInputException e = assertThrows(CorruptInputException.class,
        () -> AedatTextHeader.read(stream(bad, new byte[0]), "f.aedat", 1 << 20, AedatTextHeader.END_HEADER));
    assertEquals(14, e.offset());
    assertTrue(e.getMessage().contains("0x58"), e.getMessage());
  }

  private static List<String> randomLines(int approximateLength, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<String> lines = new ArrayList<>();
    int total = 0;
    while (total < approximateLength) {
      int len = rng.nextInt(1, 300 + rng.nextInt(3000));
      StringBuilder l = new StringBuilder("#");
      for (int i = 1; i < len; i++) {
        l.append((char) rng.nextInt(0x20, 0x7F));
      }
      lines.add(l.toString());
      total += len + 1;
    }
    return lines;
  }

  private static byte[] join(List<String> lines, boolean crlf, String endLine) {
    StringBuilder s = new StringBuilder();
    for (String l : lines) {
      s.append(l).append(crlf ? "\r\n" : "\n");
    }
    if (endLine != null) {
      s.append(endLine).append(crlf ? "\r\n" : "\n");
    }
    return s.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static BufferedInputStream stream(byte[] header, byte[] data) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.writeBytes(header);
    all.writeBytes(data);
    return new BufferedInputStream(new ByteArrayInputStream(all.toByteArray()));
  }
}
