package org.evshard.pipelines.convert;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventFormats;
import org.evshard.io.format.EventWriter;

/**
 * A {@code --dataset folder} corpus ({@code <root>/<class>/<file>}) of long recordings written with evshard's own
 * EVT 3.0, AEDAT 4.0 and ATIS writers: steady activity with runs of equal timestamps, bursts and pauses, events on
 * 64 x 48 pixels; EVT 3.0 and AEDAT 4.0 files state an 80 x 60 sensor, ATIS files none (their extent sizes them).
 * Remembers what each file holds.
 */
final class LongRecordings {

  /** Where the events lie. */
  static final SensorGeometry EVENTS = new SensorGeometry(64, 48);
  /** The sensor the EVT 3.0 and AEDAT 4.0 files state. */
  static final SensorGeometry STATED = new SensorGeometry(80, 60);

  private LongRecordings() {}

  /** Writes the corpus: source path -> events. Sizes from 0 to 60,000 events. */
  static Map<String, Events> write(Path root, long seed) throws IOException {
    SplittableRandom r = new SplittableRandom(seed);
    Map<String, Events> out = new LinkedHashMap<>();
    Object[][] files = {{"cars/rec0.raw", 30_000}, {"cars/rec1.aedat4", 45_000}, {"cars/rec2.bin", 20_000},
        {"cars/short.raw", 700}, {"walk/rec3.aedat4", 60_000}, {"walk/rec4.raw", 25_000}, {"walk/rec5.bin", 12_000},
        {"walk/none.aedat4", 0}, {"walk/rec6.aedat4", 8_000}};
    for (Object[] f : files) {
      String source = (String) f[0];
      Events e = events(r, (Integer) f[1]);
      write(root.resolve(source), e);
      out.put(source, e);
    }
    return out;
  }

  /** Time-ordered events at about 25,000 per second with equal-time runs, bursts and pauses. */
  static Events events(SplittableRandom r, int n) {
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    long now = r.nextLong(5_000);
    for (int i = 0; i < n; i++) {
      int kind = r.nextInt(1000);
      now += kind == 0 ? r.nextLong(300_000) : kind < 250 ? 0 : kind < 300 ? 1 : r.nextLong(1, 70);
      x[i] = (short) r.nextInt(EVENTS.width());
      y[i] = (short) r.nextInt(EVENTS.height());
      t[i] = now;
      p[i] = r.nextBoolean();
    }
    return Events.wrap(x, y, t, p);
  }

  /** Writes {@code e} in the format the file's extension names. */
  static void write(Path file, Events e) throws IOException {
    Files.createDirectories(file.getParent());
    String name = file.toString();
    String format = name.endsWith(".raw") ? "evt3" : name.endsWith(".aedat4") ? "aedat4" : "atis-bin";
    try (OutputStream out = Files.newOutputStream(file);
        EventWriter w = EventFormats.defaults().byName(format).openWriter(out, STATED).orElseThrow()) {
      w.write(e);
    }
  }
}
