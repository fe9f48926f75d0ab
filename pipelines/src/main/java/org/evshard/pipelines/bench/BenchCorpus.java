package org.evshard.pipelines.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import org.evshard.io.atis.AtisBinFormat;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventWriter;

/** Generates benchmark inputs with evshard's own ATIS writer: random N-MNIST-like events, time ordered. */
final class BenchCorpus {

  private static final SensorGeometry SENSOR = new SensorGeometry(34, 34);

  private BenchCorpus() {}

  /** One large recording of {@code events} events (5 bytes each plus overflow markers). */
  static void bigRecording(Path file, long events, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    EventChunk chunk = new EventChunk(1 << 16);
    long t = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        EventWriter w = new AtisBinFormat().openWriter(out, SENSOR).orElseThrow()) {
      for (long done = 0; done < events; ) {
        chunk.clear();
        while (!chunk.isFull() && done < events) {
          t += r.nextInt(8);
          chunk.add((short) r.nextInt(34), (short) r.nextInt(34), t, r.nextBoolean());
          done++;
        }
        w.write(chunk);
      }
    }
  }

  /** An N-MNIST layout of {@code recordings} files (90 % Train, 10 % Test) of about {@code events} events each. */
  static long nmnistLayout(Path root, int recordings, int events, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    EventChunk chunk = new EventChunk(events * 2);
    long bytes = 0;
    for (int i = 0; i < recordings; i++) {
      String split = i % 10 == 9 ? "Test" : "Train";
      Path file = root.resolve(split).resolve(Integer.toString(i % 10))
          .resolve(String.format(Locale.ROOT, "%05d.bin", i / 10));
      Files.createDirectories(file.getParent());
      chunk.clear();
      int n = events / 2 + r.nextInt(events);
      long t = 0;
      for (int k = 0; k < n; k++) {
        t += r.nextInt(150);
        chunk.add((short) r.nextInt(34), (short) r.nextInt(34), t, r.nextBoolean());
      }
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
          EventWriter w = new AtisBinFormat().openWriter(out, SENSOR).orElseThrow()) {
        w.write(chunk);
      }
      bytes += Files.size(file);
    }
    return bytes;
  }
}
