package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a large EVT 3.0 file of random words, fast (one buffer, no per-event objects), for split tests. Bursts as a
 * sensor writes them: an optional TIME_LOW, an optional ADDR_Y, then 1-4 groups that are either one EVT_ADDR_X or a
 * VECT_BASE_X with 1-4 VECT_12 / VECT_8 words; now and then an EXT_TRIGGER, OTHERS, CONTINUED or reserved word. One
 * burst in 16 starts with a TIME_HIGH (7 in 8 advance the 24-bit time one step, the rest repeat it, so the time wraps
 * every ~4700 TIME_HIGH words), and every TIME_HIGH is followed by an EVT_ADDR_X and a VECT_8 that decode against the
 * y, TIME_LOW, vector base and polarity set before it: a split starting on any TIME_HIGH needs the carried state.
 */
final class Evt3StressFile {

  static final String HEADER = "% evt 3.0\n% format EVT3;height=720;width=1280\n% end\n";

  private Evt3StressFile() {}

  /** Writes at least {@code minBytes} bytes to {@code file}; returns the number of TIME_HIGH words. */
  static long write(Path file, long minBytes, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    byte[] buf = new byte[1 << 20];
    long timeHighs = 0;
    int high = 0;
    try (OutputStream out = Files.newOutputStream(file)) {
      byte[] h = HEADER.getBytes(StandardCharsets.US_ASCII);
      out.write(h);
      long written = h.length;
      // state words before the first TIME_HIGH: skipped by the reader
      int n = put(buf, 0, 0x0123);
      n = put(buf, n, 0x3456);
      n = put(buf, n, 0x2010);
      while (written < minBytes) {
        while (n < buf.length - 64) {
          long bits = r.nextLong();
          if ((bits & 15) == 0) {
            if ((bits >>> 4 & 7) != 0) {
              high = high + 1 & 0xFFF;
            }
            n = put(buf, n, 0x8000 | high);
            n = put(buf, n, 0x2000 | (int) (bits >>> 7 & 0x800) | (int) (bits >>> 8 & 0x3FF)); // at the carried y
            n = put(buf, n, 0x5000 | (int) (bits >>> 20 & 0xFF)); // at the carried base
            timeHighs++;
            bits = r.nextLong();
          }
          if ((bits & 0x10) != 0) {
            n = put(buf, n, 0x6000 | (int) (bits >>> 5 & 0xFFF)); // TIME_LOW
          }
          if ((bits & 0x60000) != 0) {
            n = put(buf, n, (int) (bits >>> 19 & 0x3FF) % 720); // ADDR_Y
          }
          int groups = 1 + (int) (bits >>> 29 & 3);
          for (int g = 0; g < groups; g++, bits >>>= 7) {
            if ((bits >>> 31 & 1) == 0) {
              n = put(buf, n, 0x2000 | (int) (bits >>> 25 & 0x800) | (int) (bits >>> 32 & 0x3FF)); // ADDR_X
            } else {
              n = put(buf, n, 0x3000 | (int) (bits >>> 25 & 0x800) | (int) (bits >>> 32 & 0x3FF)); // VECT_BASE_X
              long m = r.nextLong();
              int vectors = 1 + (int) (m & 3);
              for (int k = 0; k < vectors; k++, m >>>= 16) {
                int mask = (int) (m >>> 2) & (int) (m >>> 8) & (int) (m >>> 5);
                n = put(buf, n, (m & 0x4000) == 0 ? 0x4000 | mask & 0xFFF : 0x5000 | mask & 0xFF); // VECT_12 / 8
              }
            }
          }
          int rare = r.nextInt(256);
          if (rare < 4) {
            // EXT_TRIGGER, OTHERS, CONTINUED_12, reserved (IMU)
            n = put(buf, n, new int[] {0xA000 | (rare & 1), 0xE000 | rare, 0xF000 | rare, 0xD000 | rare}[rare]);
          }
        }
        out.write(buf, 0, n);
        written += n;
        n = 0;
      }
    }
    return timeHighs;
  }

  private static int put(byte[] b, int n, int w) {
    b[n] = (byte) w;
    b[n + 1] = (byte) (w >>> 8);
    return n + 2;
  }
}
