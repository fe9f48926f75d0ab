package org.evshard.pipelines.convert;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.evshard.io.atis.AtisBinFormat;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventWriter;

/** Writes dataset layouts of random ATIS recordings and remembers what each file holds. */
public final class TestCorpora {

  private TestCorpora() {}

  /** Random time-ordered events, with gaps long enough to need ATIS timestamp-overflow markers. */
  static Events randomEvents(SplittableRandom r, int n, int width, int height) {
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    long now = r.nextLong(1000);
    for (int i = 0; i < n; i++) {
      now += r.nextInt(20) == 0 ? r.nextLong(20_000_000) : r.nextLong(200);
      x[i] = (short) r.nextInt(width);
      y[i] = (short) r.nextInt(height);
      t[i] = now;
      p[i] = r.nextBoolean();
    }
    return Events.wrap(x, y, t, p);
  }

  static void writeBin(Path file, Events events) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file);
        EventWriter w = new AtisBinFormat().openWriter(out, new SensorGeometry(256, 256)).orElseThrow()) {
      w.write(events);
    }
  }

  /** One N-MNIST-size (34 x 34) recording of {@code n} random events in {@code file}. */
  public static void largeRecording(Path file, int n, long seed) throws IOException {
    writeBin(file, randomEvents(new SplittableRandom(seed), n, 34, 34));
  }

  /** N-MNIST layout {@code Train|Test/<digit>/NNNNN.bin}; returns source path -> events. */
  public static Map<String, Events> nmnist(Path root, int perClassAndSplit, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Events> written = new LinkedHashMap<>();
    for (String split : new String[] {"Train", "Test"}) {
      for (int d = 0; d < 10; d++) {
        for (int i = 0; i < perClassAndSplit; i++) {
          String source = split + "/" + d + "/" + String.format(Locale.ROOT, "%05d.bin", i);
          Events e = randomEvents(r, 1 + r.nextInt(600), 34, 34);
          writeBin(root.resolve(source), e);
          written.put(source, e);
        }
      }
    }
    return written;
  }

  /** N-Caltech101 layout {@code Caltech101/<class>/image_NNNN.bin} with per-class geometry. */
  static Map<String, Events> ncaltech(Path root, String[] classes, int perClass, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Events> written = new LinkedHashMap<>();
    for (String c : classes) {
      int w = 150 + r.nextInt(90);
      int h = 100 + r.nextInt(80);
      for (int i = 1; i <= perClass; i++) {
        String source = "Caltech101/" + c + "/" + String.format(Locale.ROOT, "image_%04d.bin", i);
        Events e = randomEvents(r, 1 + r.nextInt(900), w, h);
        writeBin(root.resolve(source), e);
        written.put(source, e);
      }
    }
    return written;
  }
}
