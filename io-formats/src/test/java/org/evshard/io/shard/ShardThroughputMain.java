package org.evshard.io.shard;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Manual throughput check (not a unit test): writes and reads {@code rows} rows of {@code events} events in both
 * formats and prints the rates. Usage: {@code ShardThroughputMain [rows] [events] [dir] [repeats]}.
 */
public final class ShardThroughputMain {

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
    for (ShardFormat format : ShardFormat.values()) {
      Path file = dir.resolve("bench" + format.extension());
      for (int r = 0; r < repeats; r++) {
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
            ShardWriter w = format.newWriter(ch, file.toString(), ShardWriteOptions.defaults("bench"))) {
          for (SampleRow row : data) {
            w.write(row);
          }
        }
        double write = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        long readEvents = 0;
        try (ShardReader reader = format.openReader(file)) {
          while (reader.hasNext()) {
            readEvents += reader.next().nEvents();
          }
        }
        double read = (System.nanoTime() - t1) / 1e9;
        if (readEvents != (long) rows * events) {
          throw new IllegalStateException("read " + readEvents + " events");
        }
        System.out.printf("%-8s write %.2f s (%.1f M ev/s)  read %.2f s (%.1f M ev/s)  %d MiB%n", format,
            write, mev / write, read, mev / read, Files.size(file) >> 20);
      }
    }
  }
}
