package org.evshard.io.shard;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Manual throughput check (not a unit test): writes and reads, on one thread, {@code rows} rows of {@code events} events in both
 * formats and prints wall and thread CPU
 * time (wall time is unreliable on a shared machine). Usage: {@code ShardThroughputMain [rows] [events] [dir] [repeats]}.
 */
public final class ShardThroughputMain {

  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private ShardThroughputMain() {
  }

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int events = args.length > 1 ? Integer.parseInt(args[1]) : 4_000;
    Path dir = args.length > 2 ? Path.of(args[2]) : Files.createTempDirectory("evshard-throughput");
    int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    SplittableRandom rnd = new SplittableRandom(42);
    List<SampleRow> data = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      data.add(RandomRows.row(rnd, i, events));
    }
    double mev = (double) rows * events / 1e6;
    System.out.printf("%d rows x %d events = %.1f M events%n", rows, events, mev);
    for (ShardFormat format : args.length > 4 ? new ShardFormat[] {ShardFormat.fromName(args[4])}
        : ShardFormat.values()) {
      Path file = dir.resolve("bench" + format.extension());
      for (int r = 0; r < repeats; r++) {
        long t0 = System.nanoTime();
        long c0 = CPU.getCurrentThreadCpuTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
            ShardWriter w = format.newWriter(ch, file.toString(), ShardWriteOptions.defaults("bench"))) {
          for (SampleRow row : data) {
            w.write(row);
          }
        }
        double write = (System.nanoTime() - t0) / 1e9;
        double writeCpu = (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
        long t1 = System.nanoTime();
        long c1 = CPU.getCurrentThreadCpuTime();
        long readEvents = 0;
        try (ShardReader reader = format.openReader(file)) {
          while (reader.hasNext()) {
            readEvents += reader.next().nEvents();
          }
        }
        double read = (System.nanoTime() - t1) / 1e9;
        double readCpu = (CPU.getCurrentThreadCpuTime() - c1) / 1e9;
        if (readEvents != (long) rows * events) {
          throw new IllegalStateException("read " + readEvents + " events");
        }
        System.out.printf("%-8s write %.2f s wall, %.2f s cpu (%.1f M ev/s cpu)  read %.2f s wall, %.2f s cpu"
            + " (%.1f M ev/s cpu)  %d MiB%n", format, write, writeCpu, mev / writeCpu, read, readCpu, mev / readCpu,
            Files.size(file) >> 20);
      }
    }
  }
}
