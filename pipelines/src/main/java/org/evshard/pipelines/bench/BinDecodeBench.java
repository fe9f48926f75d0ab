package org.evshard.pipelines.bench;

import java.io.InputStream;
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
 * Usage: {@code BinDecodeBench FILE [MEGA_EVENTS] [REPEATS]}; the file is generated when missing.
 */
public final class BinDecodeBench {

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
    double[] rates = new double[repeats];
    long events = 0;
    long checksum = 0;
    for (int i = 0; i < repeats; i++) {
      long start = System.nanoTime();
      events = 0;
      EventChunk chunk = new EventChunk(options.chunkSize());
      try (InputStream in = Files.newInputStream(file);
          EventReader r = new AtisBinFormat().open(in, file.toString(), options)) {
        while (r.nextChunk(chunk)) {
          events += chunk.size();
          checksum += chunk.t[chunk.size() - 1] + chunk.x[0];
        }
      }
      double s = (System.nanoTime() - start) / 1e9;
      rates[i] = events / s / 1e6;
      System.out.printf(Locale.ROOT, "run %d: %d events in %.3f s = %.0f M events/s (%.2f GB/s)%n", i, events, s,
          rates[i], bytes / s / 1e9);
    }
    double[] sorted = rates.clone();
    Arrays.sort(sorted);
    System.out.printf(Locale.ROOT, "file %s, %.1f MB, %d events; median %.0f M events/s, best %.0f M events/s "
        + "(checksum %d)%n", file, bytes / 1e6, events, sorted[repeats / 2], sorted[repeats - 1], checksum);
  }
}
