package org.evshard.io.aedat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.ReadOptions;

/**
 * Manual decode throughput check (not a unit test): writes {@code events} generated events (640x480, small time
 * steps) as AEDAT4 with each codec, then decodes each file {@code repeats} times on one thread after a warm-up and
 * prints {@code BENCH decode <format> <M events/s>} (best run) with the thread's CPU time. Usage:
 * {@code AedatDecodeBench [events=16000000] [dir] [repeats=5]}; files are kept in {@code dir} (reused when present).
 */
public final class AedatDecodeBench {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  private static final int BATCH = 1 << 16;

  private AedatDecodeBench() {}

  public static void main(String[] args) throws IOException {
    long events = args.length > 0 ? Long.parseLong(args[0]) : 16_000_000L;
    Path dir = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("evshard-aedat-bench");
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Files.createDirectories(dir);
    for (Aedat4Compression c : new Aedat4Compression[] {
        Aedat4Compression.NONE, Aedat4Compression.LZ4, Aedat4Compression.ZSTD}) {
      Path file = dir.resolve("bench-" + events + "-" + c.name().toLowerCase(java.util.Locale.ROOT) + ".aedat4");
      if (!Files.exists(file)) {
        long t0 = System.nanoTime();
        write(file, c, events);
        System.out.printf("wrote %s: %.1f MB in %.1f s%n", file, Files.size(file) / 1e6,
            (System.nanoTime() - t0) / 1e9);
      }
      decode(file); // warm-up
      double best = 0;
      for (int r = 0; r < repeats; r++) {
        long c0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long n = decode(file);
        double s = (System.nanoTime() - t0) / 1e9;
        double cpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
        System.out.printf("  run %d: %d events, %.2f s wall, %.2f s cpu, %.1f M events/s, %.0f MB/s of file%n",
            r, n, s, cpu, n / s / 1e6, Files.size(file) / s / 1e6);
        best = Math.max(best, n / s / 1e6);
      }
      System.out.printf("BENCH decode aedat4-%s %.1f%n", c.name().toLowerCase(java.util.Locale.ROOT), best);
    }
  }

  static void write(Path file, Aedat4Compression c, long events) throws IOException {
    SplittableRandom rnd = new SplittableRandom(7);
    short[] x = new short[BATCH];
    short[] y = new short[BATCH];
    long[] t = new long[BATCH];
    boolean[] p = new boolean[BATCH];
    long time = 1_605_537_493_718_345L;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        Aedat4Writer w = new Aedat4Writer(out, new SensorGeometry(640, 480), c, Aedat4Writer.DEFAULT_PACKET_EVENTS)) {
      for (long done = 0; done < events; ) {
        int n = (int) Math.min(BATCH, events - done);
        for (int i = 0; i < n; i++) {
          time += rnd.nextInt(4);
          x[i] = (short) rnd.nextInt(640);
          y[i] = (short) rnd.nextInt(480);
          t[i] = time;
          p[i] = rnd.nextBoolean();
        }
        w.write(x, y, t, p, 0, n);
        done += n;
      }
    }
  }

  static long decode(Path file) throws IOException {
    long n = 0;
    long sink = 0;
    EventChunk c = new EventChunk(ReadOptions.DEFAULT_CHUNK_SIZE);
    try (InputStream in = Files.newInputStream(file);
        Aedat4Reader r = new Aedat4Reader(in, file.toString(), ReadOptions.defaults())) {
      while (r.nextChunk(c)) {
        n += c.size();
        sink += c.x[c.size() - 1] + c.t[0];
      }
    }
    if (sink == 42) {
      System.out.print("");
    }
    return n;
  }
}
