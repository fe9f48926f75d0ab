package org.evshard.pipelines.bench;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.evshard.io.atis.AtisBinFormat;
import org.evshard.io.events.EventChunk;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;

/**
 * Decode throughput of the ATIS {@code .bin} reader on one large file (page-cached), single thread.
 * Usage: {@code BinDecodeBench FILE [MEGA_EVENTS] [REPEATS]}; the file is generated when missing. Untimed passes for
 * at least 2 s come first (JIT warm-up); each timed pass reports wall and thread CPU throughput.
 */
public final class BinDecodeBench {

  /** Shortest warm-up ({@code -Devshard.bench.warmupMillis=N}, default 2000). */
  private static final long WARMUP_NANOS = Long.getLong("evshard.bench.warmupMillis", 2000) * 1_000_000L;
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private BinDecodeBench() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "/tmp/evshard-bench.bin");
    long megaEvents = args.length > 1 ? Long.parseLong(args[1]) : 25;
    int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 7;
    if (!Files.exists(file)) {
      System.out.println("writing " + megaEvents + " M events to " + file);
      BenchCorpus.bigRecording(file, megaEvents * 1_000_000L, 1);
    }
    long bytes = Files.size(file);
    ReadOptions options = ReadOptions.defaults();
    long checksum = 0;
    // warm-up by time, as JMH does (a pass takes about 0.1 s; seven passes without it were still being recompiled)
    long warmUntil = System.nanoTime() + WARMUP_NANOS;
    int warmPasses = 0;
    while (System.nanoTime() < warmUntil) {
      checksum += pass(file, options)[1];
      warmPasses++;
    }
    System.out.printf(Locale.ROOT, "warm-up: %d untimed passes; vector loops %s%n", warmPasses,
        org.evshard.io.vector.VectorKernels.describe());
    double[] rates = new double[repeats];
    double[] cpuRates = new double[repeats];
    long events = 0;
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      long cpuStart = THREADS.getCurrentThreadCpuTime();
      long[] pass = pass(file, options);
      double s = (System.nanoTime() - start) / 1e9;
      double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
      events = pass[0];
      checksum += pass[1];
      rates[i] = events / s / 1e6;
      cpuRates[i] = events / cpu / 1e6;
      System.out.printf(Locale.ROOT, "run %d: %d events in %.3f s = %.0f M events/s (%.2f GB/s), %.0f per CPU second%n",
          i, events, s, rates[i], bytes / s / 1e9, cpuRates[i]);
    }
    Arrays.sort(rates);
    Arrays.sort(cpuRates);
    System.out.printf(Locale.ROOT, "file %s, %.1f MB, %d events; median %.0f M events/s, best %.0f M events/s; "
        + "thread CPU median %.0f, best %.0f (checksum %d)%n", file, bytes / 1e6, events, rates[repeats / 2],
        rates[repeats - 1], cpuRates[repeats / 2], cpuRates[repeats - 1], checksum);
  }

  /** One full decoding pass: {events, checksum}. */
  private static long[] pass(Path file, ReadOptions options) throws IOException {
    long events = 0;
    long checksum = 0;
    EventChunk chunk = new EventChunk(options.chunkSize());
    try (InputStream in = Files.newInputStream(file);
        EventReader r = new AtisBinFormat().open(in, file.toString(), options)) {
      while (r.nextChunk(chunk)) {
        events += chunk.size();
        checksum += chunk.t[chunk.size() - 1] + chunk.x[0];
      }
    }
    return new long[] {events, checksum};
  }
}
