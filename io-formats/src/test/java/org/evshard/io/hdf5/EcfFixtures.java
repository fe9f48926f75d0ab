package org.evshard.io.hdf5;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evshard.io.events.Events;

/**
 * The ECF test resources written by h5py and Prophesee's ECF plugin ({@code scripts/MakeEcfFixtures.py}), and the
 * script's closed formula for their events: {@link #written} as the file holds them before compression,
 * {@link #decoded} as ECF gives them back (the script checks the latter against Prophesee's own decoder).
 */
final class EcfFixtures {

  static final String DIR = "ecf/";
  static final String MIXED = "cd_ecf.hdf5";
  static final String CHUNK1001 = "cd_ecf_chunk1001.hdf5";
  /** Events per chunk of {@link #MIXED}'s CD/events, its chunk count (the last one padded) and its events. */
  static final int MIXED_CHUNK = 4096;
  static final int MIXED_CHUNKS = 6;
  static final int MIXED_EVENTS = 5 * MIXED_CHUNK + 1234;

  private static final long[] STEPS = {0, 0, 1, 2, 7, 14, 15, 16, 255, 4096, 70000};
  private static final long[] JUMPS = {0, 1, 14, 15, 16, 255, 256, 4095, 65535, 1L << 20, 1L << 40};
  private static final long[] BACK = {-1, -5, 3, -20, 0, 7};

  private EcfFixtures() {}

  /** Resource {@code name} of {@link #DIR} copied to {@code tmp}. */
  static Path file(String name, Path tmp) throws IOException {
    Path f = tmp.resolve(Path.of(name).getFileName().toString());
    return Files.write(f, BloscFixtures.resource(DIR + name));
  }

  /** A raw chunk of {@link #MIXED} as HDF5 stores it. */
  static byte[] chunk(int k) {
    return BloscFixtures.resource(DIR + "chunks/" + MIXED + "." + k + ".ecf");
  }

  /** The events of file {@code name} as ECF gives them back. */
  static Events decoded(String name) {
    return name.equals(MIXED) ? decoded(written(MIXED), MIXED_CHUNK) : decoded(written(CHUNK1001), 1001);
  }

  /**
   * Chunk {@code k} of {@link #MIXED} as ECF decodes it whole: the zero events HDF5 pads the last chunk with come out
   * at the chunk's last timestamp, the largest so far.
   */
  static Events decodedChunk(int k) {
    Events all = written(MIXED);
    int lo = k * MIXED_CHUNK;
    int hi = Math.min(MIXED_EVENTS, lo + MIXED_CHUNK);
    short[] x = new short[MIXED_CHUNK];
    short[] y = new short[MIXED_CHUNK];
    long[] t = new long[MIXED_CHUNK];
    boolean[] p = new boolean[MIXED_CHUNK];
    System.arraycopy(all.x(), lo, x, 0, hi - lo);
    System.arraycopy(all.y(), lo, y, 0, hi - lo);
    System.arraycopy(all.t(), lo, t, 0, hi - lo);
    System.arraycopy(all.p(), lo, p, 0, hi - lo);
    return decoded(Events.wrap(x, y, t, p), MIXED_CHUNK);
  }

  /** The events of file {@code name} as written: the script's {@code mixed_event}/{@code small_event} formulas. */
  static Events written(String name) {
    boolean mixed = name.equals(MIXED);
    int n = mixed ? MIXED_EVENTS : 3000;
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    boolean[] p = new boolean[n];
    long time = mixed ? 1_000_000 : 5;
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        time += mixed ? mixedDelta(i) : STEPS[(int) (((long) i * i + 3L * i) % STEPS.length)];
      }
      int[] e = mixed ? mixedEvent(i) : scattered(i, 640, 480);
      x[i] = (short) e[0];
      y[i] = (short) e[1];
      p[i] = e[2] == 1;
      t[i] = time;
    }
    return Events.wrap(x, y, t, p);
  }

  /** Within each chunk, a timestamp below an earlier one comes out as the largest so far. */
  private static Events decoded(Events e, int chunk) {
    long[] t = e.t().clone();
    for (int i = 0; i < t.length; i++) {
      if (i % chunk != 0 && t[i] < t[i - 1]) {
        t[i] = t[i - 1];
      }
    }
    return Events.wrap(e.x(), e.y(), t, e.p());
  }

  private static int[] mixedEvent(int i) {
    int k = i / MIXED_CHUNK;
    int j = i % MIXED_CHUNK;
    if (k == 1) {
      int r = j / 64;
      int p = r % 3 != 0 ? r % 2 : (int) ((i * 2654435761L) >> 7 & 1);
      return new int[] {(int) ((long) i * 7919 % 1280), (r * 37 + 11) % 720, p};
    }
    if (k == 2 || k == 4 && j < MIXED_CHUNK / 4) {
      int r = j / 100;
      int q = j % 100;
      int p = j >= 100 && j < 400 ? 1 : j >= 400 && j < 3000 ? 0 : (j / 5) % 2;
      return new int[] {(r * 17) % 1000 + q + q / 7, (r * 13 + 5) % 720, p};
    }
    return scattered(i, 1280, 720);
  }

  private static int[] scattered(int i, int w, int h) {
    return new int[] {(int) ((long) i * 7919 % w), (int) ((long) i * 523 % h), (int) ((i * 2654435761L) >> 7 & 1)};
  }

  private static long mixedDelta(int i) {
    int k = i / MIXED_CHUNK;
    int j = i % MIXED_CHUNK;
    if (k != 3) {
      return STEPS[(int) (((long) i * i + 3L * i) % STEPS.length)];
    }
    if (j < 3996) {
      return j == 15 || j == 315 ? 1 : 0;
    }
    if (j < 3996 + JUMPS.length) {
      return JUMPS[j - 3996];
    }
    if (j < 3996 + JUMPS.length + BACK.length) {
      return BACK[j - 3996 - JUMPS.length];
    }
    return (j * 7L) % 30;
  }
}
