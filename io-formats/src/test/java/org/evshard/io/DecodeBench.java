package org.evshard.io;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.evshard.io.events.EventChunk;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/**
 * Single-thread decode throughput of existing (page-cached) recordings, timed by wall clock and by the thread's CPU
 * time (the machine is shared, so wall time is noisy). Not a unit test; generate the files with
 * {@code AtisDecodeBench}, {@code PropheseeDecodeBench} or {@code AedatDecodeBench}. Usage, from {@code io-formats/}:
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) org.evshard.io.DecodeBench MODE RUNS FORMAT=FILE...</pre>
 *
 * {@code MODE} is {@code stream} (the format's {@code open(InputStream)} over {@code Files.newInputStream}, as archive
 * members are read) or {@code path} ({@code EventFormats.open(Path, ...)}, as the CLI and pipeline open files). Two
 * warm-up passes, then {@code RUNS} timed passes; prints median and best M events/s, wall and CPU.
 */
public final class DecodeBench {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
  /** Events per chunk, {@code -Dchunk=N}; the default is the readers' default. */
  private static final int CHUNK = Integer.getInteger("chunk", ReadOptions.DEFAULT_CHUNK_SIZE);

  private DecodeBench() {}

  public static void main(String[] args) throws IOException {
    String mode = args[0];
    int runs = Integer.parseInt(args[1]);
    for (int a = 2; a < args.length; a++) {
      String[] fv = args[a].split("=", 2);
      bench(mode, fv[0], Path.of(fv[1]), runs);
    }
  }

  private static void bench(String mode, String format, Path file, int runs) throws IOException {
    decode(mode, format, file);
    decode(mode, format, file);
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    long events = 0;
    for (int i = 0; i < runs; i++) {
      long c0 = CPU.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      events = decode(mode, format, file);
      wall[i] = events / ((System.nanoTime() - t0) / 1e9) / 1e6;
      cpu[i] = events / ((CPU.getCurrentThreadCpuTime() - c0) / 1e9) / 1e6;
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf(Locale.ROOT, "BENCH %-6s chunk %-7d %-8s %9.1f MB %10d ev | wall median %6.1f best %6.1f | cpu median %6.1f"
        + " best %6.1f M ev/s%n", mode, CHUNK, format, Files.size(file) / 1e6, events, wall[runs / 2], wall[runs - 1],
        cpu[runs / 2], cpu[runs - 1]);
  }

  private static long decode(String mode, String format, Path file) throws IOException {
    long n = 0;
    long check = 0;
    ReadOptions options = ReadOptions.defaults().withChunkSize(CHUNK);
    EventChunk c = new EventChunk(options.chunkSize());
    EventFormats formats = EventFormats.defaults();
    try (EventReader r = mode.equals("path") ? formats.open(file, format, options)
        : open(formats, format, Files.newInputStream(file), file, options)) {
      while (r.nextChunk(c)) {
        n += c.size();
        check += c.t[c.size() - 1] + c.x[0] + c.y[c.size() / 2] + (c.p[0] ? 1 : 0);
      }
    }
    if (check == 42) {
      System.out.println(); // keeps the decoded values alive
    }
    return n;
  }

  private static EventReader open(EventFormats formats, String format, InputStream in, Path file,
      ReadOptions options) throws IOException {
    return formats.byName(format).open(in, file.toString(), options);
  }
}
