package org.evshard.io.prophesee;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormat;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.EventWriter;
import org.evshard.io.format.ReadOptions;

/**
 * Single-thread decode throughput of the EVT 2.0, EVT 3.0 and DAT readers. Generates one file of at least
 * {@code MB} megabytes per format (EVT 3.0 and DAT with evshard's writers, EVT 2.0 with the test-side spec encoder)
 * in {@code DIR} unless it exists, warms up, and prints {@code BENCH decode <format> <M events/s>} for the best of
 * {@code RUNS} timed passes. Run from {@code io-formats/}:
 *
 * <pre>java -Xmx256m -cp target/classes:target/test-classes org.evshard.io.prophesee.PropheseeDecodeBench DIR [MB] [RUNS]
 *     [FORMATS]</pre>
 *
 * where {@code FORMATS} is a comma-separated subset of {@code evt2,evt3,dat} (default all).
 */
public final class PropheseeDecodeBench {

  private static final SensorGeometry HD = new SensorGeometry(1280, 720);
  private static final int BATCH = 1 << 20;

  private PropheseeDecodeBench() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/bench");
    long bytes = (args.length > 1 ? Long.parseLong(args[1]) : 200) * 1_000_000L;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    java.util.List<String> formats = java.util.List.of((args.length > 3 ? args[3] : "evt2,evt3,dat").split(","));
    Files.createDirectories(dir);
    if (formats.contains("evt2")) {
      bench(new Evt2Format(), generate(dir.resolve("bench.evt2.raw"), bytes, PropheseeDecodeBench::writeEvt2), runs);
    }
    if (formats.contains("evt3")) {
      bench(new Evt3Format(), generate(dir.resolve("bench.evt3.raw"), bytes,
          (out, min) -> writeWith(new Evt3Writer(out, HD), out, min)), runs);
    }
    if (formats.contains("dat")) {
      bench(new DatFormat(), generate(dir.resolve("bench.dat"), bytes,
          (out, min) -> writeWith(new DatWriter(out, HD), out, min)), runs);
    }
  }

  private interface Generator {
    void write(CountingOutput out, long minBytes) throws IOException;
  }

  private static Path generate(Path file, long minBytes, Generator g) throws IOException {
    if (!Files.exists(file) || Files.size(file) < minBytes) {
      long t0 = System.nanoTime();
      try (CountingOutput out = new CountingOutput(Files.newOutputStream(file))) {
        g.write(out, minBytes);
      }
      System.out.printf("generated %s: %d bytes in %.1f s%n", file, Files.size(file), (System.nanoTime() - t0) / 1e9);
    }
    return file;
  }

  private static void bench(EventFormat format, Path file, int runs) throws IOException {
    decode(format, file); // warm-up
    decode(format, file);
    double best = 0;
    double bestCpu = 0;
    long events = 0;
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      long c0 = cpu.getCurrentThreadCpuTime();
      events = decode(format, file);
      double s = (System.nanoTime() - t0) / 1e9;
      double cs = (cpu.getCurrentThreadCpuTime() - c0) / 1e9;
      best = Math.max(best, events / s / 1e6);
      bestCpu = Math.max(bestCpu, events / cs / 1e6);
    }
    double mb = Files.size(file) / 1e6;
    System.out.printf("%s: %d events, %.0f MB, best %.2f GB/s wall; %.0f M events per CPU second%n", format.name(),
        events, mb, best * 1e6 * mb / events / 1e3, bestCpu);
    System.out.printf("BENCH decode %s %.0f%n", format.name(), best);
  }

  private static long decode(EventFormat format, Path file) throws IOException {
    long n = 0;
    long check = 0;
    try (InputStream in = Files.newInputStream(file);
        EventReader r = format.open(in, file.toString(), ReadOptions.defaults())) {
      EventChunk c = new EventChunk(ReadOptions.DEFAULT_CHUNK_SIZE);
      while (r.nextChunk(c)) {
        n += c.size();
        check += c.t[c.size() - 1] + c.x[0];
      }
    }
    if (check == 42) {
      System.out.println(); // keeps the decoded values alive
    }
    return n;
  }

  /** Time-sorted events on 1280x720: bursts per timestamp, with rows of neighbouring pixels (vector words). */
  private static void writeWith(EventWriter w, CountingOutput out, long minBytes) throws IOException {
    Random r = new Random(1);
    short[] x = new short[BATCH];
    short[] y = new short[BATCH];
    long[] t = new long[BATCH];
    boolean[] p = new boolean[BATCH];
    long time = 1_000_000;
    try (w) {
      while (out.written < minBytes) {
        int n = 0;
        while (n < BATCH - 64) {
          time += r.nextInt(8);
          int yy = r.nextInt(720);
          boolean pp = r.nextBoolean();
          int xx = r.nextInt(1200);
          int run = 1 + r.nextInt(24);
          for (int i = 0; i < run; i++, n++) {
            x[n] = (short) xx;
            y[n] = (short) yy;
            t[n] = time;
            p[n] = pp;
            xx += 1 + (r.nextInt(3) == 0 ? 1 : 0);
          }
        }
        w.write(x, y, t, p, 0, n);
      }
    }
  }

  private static void writeEvt2(CountingOutput out, long minBytes) throws IOException {
    Random r = new Random(2);
    BufferedOutputStream buffered = new BufferedOutputStream(out, 1 << 16);
    SpecEvt2Encoder e = new SpecEvt2Encoder(buffered, "% evt 2.0\n% format EVT2;height=720;width=1280\n% end\n");
    long time = 1_000_000;
    while (out.written < minBytes) {
      time += r.nextInt(3);
      e.event(r.nextInt(1280), r.nextInt(720), time, r.nextBoolean());
    }
    buffered.flush();
  }

  /** Counts the bytes that reach the file, so generators know when to stop. */
  private static final class CountingOutput extends java.io.FilterOutputStream {
    long written;

    CountingOutput(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      written += len;
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      written++;
    }
  }
}
