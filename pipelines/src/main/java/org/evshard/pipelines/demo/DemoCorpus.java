package org.evshard.pipelines.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.format.EventWriter;
import org.evshard.io.atis.AtisBinFormat;
import org.evshard.transforms.spike.SaccadeParams;
import org.evshard.transforms.spike.SaccadeSimulator;

/**
 * Writes a small corpus in the real N-MNIST layout and file format: {@code Train|Test/<digit>/NNNNN.bin}, 34x34 ATIS
 * recordings made by saccading over rendered digits (three saccades, as N-MNIST was recorded).
 */
public final class DemoCorpus {

  public static final SensorGeometry SENSOR = new SensorGeometry(34, 34);

  private DemoCorpus() {}

  /** Counts of what was written. */
  public record Written(int recordings, long events) {}

  /**
   * @param trainPerClass recordings per digit in {@code Train}
   * @param testPerClass recordings per digit in {@code Test}
   * @param noiseRate background events per pixel per second
   */
  public static Written write(Path root, int trainPerClass, int testPerClass, double noiseRate, long seed)
      throws IOException {
    List<Task> tasks = new ArrayList<>();
    for (String split : new String[] {"Train", "Test"}) {
      int perClass = split.equals("Train") ? trainPerClass : testPerClass;
      for (int digit = 0; digit < 10; digit++) {
        Path dir = Files.createDirectories(root.resolve(split).resolve(Integer.toString(digit)));
        for (int i = 0; i < perClass; i++) {
          long sampleSeed = seed * 1_000_003L + (split.equals("Train") ? 0 : 500_000) + digit * 10_007L + i;
          tasks.add(new Task(dir.resolve(String.format(Locale.ROOT, "%05d.bin", i)), digit, sampleSeed));
        }
      }
    }
    // each recording depends only on its own seed, so they are simulated in parallel (the same files in any order)
    try {
      long events = tasks.parallelStream().mapToLong(t -> t.write(noiseRate)).sum();
      return new Written(tasks.size(), events);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** One recording to simulate and write. */
  private record Task(Path file, int digit, long seed) {
    long write(double noiseRate) {
      Events e = recording(digit, seed, noiseRate);
      try (OutputStream out = Files.newOutputStream(file);
          EventWriter w = new AtisBinFormat().openWriter(out, SENSOR).orElseThrow()) {
        w.write(e);
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
      return e.size();
    }
  }

  /** One N-MNIST-like recording of {@code digit}. */
  public static Events recording(int digit, long seed, double noiseRate) {
    float[] img = DigitGlyphs.render(digit, SENSOR.width(), seed);
    SaccadeParams params = SaccadeParams.nmnistLike(seed).withNoiseRate(noiseRate);
    return SaccadeSimulator.simulate(img, SENSOR.width(), SENSOR.height(), params);
  }
}
