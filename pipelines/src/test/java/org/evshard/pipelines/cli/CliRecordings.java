package org.evshard.pipelines.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.npy.NpyEvents;
import org.evshard.io.prophesee.Evt3Writer;

/** Small deterministic recordings on a 34 x 34 sensor for the command-line tests. */
final class CliRecordings {

  private CliRecordings() {}

  /**
   * {@code n} events: {@code x = (i + shift) % 34}, {@code y = i * yStep % 34}, {@code t = dt * i}, ON for every
   * {@code onEvery}-th event.
   */
  static Events pattern(int n, int shift, int yStep, long dt, int onEvery) {
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = (short) ((i + shift) % 34);
      y[i] = (short) (i * yStep % 34);
      t[i] = dt * i;
      p[i] = i % onEvery == 0;
    }
    return Events.wrap(x, y, t, p);
  }

  /** {@code events} written to {@code file} in Tonic's NPY dtype. */
  static Path npy(Path file, Events events) throws IOException {
    NpyEvents.write(file, events);
    return file;
  }

  /** EVT 3.0 bytes of {@code events} on 34 x 34; with {@code header} false the {@code %} lines are cut off. */
  static byte[] evt3(Events events, boolean header) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Evt3Writer w = new Evt3Writer(out, new SensorGeometry(34, 34))) {
      w.write(events);
    }
    byte[] bytes = out.toByteArray();
    if (!header) {
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      int data = text.indexOf("% end\n") + "% end\n".length();
      bytes = Arrays.copyOfRange(bytes, data, bytes.length);
    }
    return bytes;
  }
}
