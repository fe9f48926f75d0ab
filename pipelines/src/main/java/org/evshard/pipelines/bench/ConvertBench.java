package org.evshard.pipelines.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.evshard.io.shard.ShardFormat;
import org.evshard.pipelines.convert.ConvertJob;
import org.evshard.pipelines.convert.ConvertResult;
import org.evshard.pipelines.convert.ConvertSettings;

/**
 * End-to-end conversion throughput on the DirectRunner: a generated N-MNIST layout of RECORDINGS files of about
 * EVENTS events each, converted to shards. Usage: {@code ConvertBench DIR [RECORDINGS] [EVENTS] [parquet|arrow] [RUNS]}; the first run in a JVM includes
 * JIT warm-up, later ones show the steady state.
 */
public final class ConvertBench {

  private ConvertBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "/tmp/evshard-convert-bench");
    int recordings = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int events = args.length > 2 ? Integer.parseInt(args[2]) : 4_000;
    ShardFormat format = ShardFormat.fromName(args.length > 3 ? args[3] : "parquet");
    Path input = dir.resolve("nmnist-" + recordings + "x" + events);
    if (!Files.exists(input)) {
      System.out.println("writing " + recordings + " recordings to " + input);
      long bytes = BenchCorpus.nmnistLayout(input, recordings, events, 1);
      System.out.printf(Locale.ROOT, "  %.1f MB of .bin%n", bytes / 1e6);
    }
    int runs = args.length > 4 ? Integer.parseInt(args[4]) : 2;
    for (int run = 0; run < runs; run++) {
      Path output = dir.resolve("out-" + format.name().toLowerCase(Locale.ROOT));
      long cpu0 = processCpuNanos();
      long gc0 = gcMillis();
      ConvertResult r = ConvertJob.run(ConvertSettings.of("nmnist", input, output).withShardFormat(format)
          .withOverwrite(true));
      System.out.printf(Locale.ROOT, "run %d: %d samples (%d written, %d rejected, %d shards) in %.2f s = %.0f "
          + "samples/s%n", run, r.discovered(), r.written(), r.rejected(), r.shards(), r.seconds(),
          r.discovered() / r.seconds());
      System.out.println("  phases (s): " + r.phaseSeconds());
      double cpu = (processCpuNanos() - cpu0) / 1e9;
      System.out.printf(Locale.ROOT, "  process CPU %.2f s (%.0f us per sample, %.2f cores busy), GC %d ms%n", cpu,
          cpu * 1e6 / r.discovered(), cpu / r.seconds(), gcMillis() - gc0);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long gcMillis() {
    long ms = 0;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ms += Math.max(0, gc.getCollectionTime());
    }
    return ms;
  }
}
