package org.evshard.transforms.spike;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongFunction;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.transforms.OutputTooLargeException;

/**
 * Turns a still image into a DVS recording the way N-MNIST and N-Caltech101 were recorded: the sensor makes saccades
 * in front of the image (here the image moves along a triangle), and each pixel fires when its log intensity has
 * changed by a threshold since its last event (ON for brighter, OFF for darker), with a refractory period and optional
 * uniform noise. Deterministic for a given image and seed. The input array is only read.
 */
public final class SaccadeSimulator {

  /**
   * Most sensor pixels simulated (2048 x 2048): every step works on every pixel, so a --sensor of 10000 x 10000 ran for
   * more than 15 minutes without output, 20000 x 20000 out of memory; event cameras have at most about a million.
   */
  public static final long MAX_PIXELS = 2048L * 2048;

  /** Refuses a sensor of more than {@link #MAX_PIXELS} pixels, before anything is allocated for it. */
  public static void requireSimulable(int width, int height) {
    long pixels = (long) width * height;
    if (pixels > MAX_PIXELS) {
      throw new IllegalArgumentException("a " + width + "x" + height + " sensor has " + pixels + " pixels, more than "
          + "the " + MAX_PIXELS + " (2048 x 2048) an image is coded on: give a smaller --sensor WxH (event cameras "
          + "have about 1280 x 720 at most)");
    }
  }

  /** Last event time of a pixel that has not fired (MIN_VALUE / 2 as a time made a period of 2^63 - 1 suppress all). */
  private static final long NEVER = Long.MIN_VALUE;

  /** The transform spec name, {@code saccade(...)}. */
  public static final String NAME = "saccade";

  private static final double LOG_EPS = 0.05;
  /** The log intensity of black, {@code Math.log(LOG_EPS + 0.0)}: most of a sparse image's samples. */
  private static final double LOG_BLACK = Math.log(LOG_EPS + 0.0);
  private static final int MAX_EVENTS_PER_STEP = 4;
  /** Most events of one simulated recording: the event index takes the low 24 bits of the sort key. */
  private static final int MAX_EVENTS = (1 << 24) - 1;
  /** Largest mean of one product-of-uniforms Poisson draw: e^-500 is far from double underflow (e^-745). */
  private static final double POISSON_PART = 500;

  private SaccadeSimulator() {}

  /**
   * @param intensity row-major pixel intensities in [0, 1], {@code width * height}
   * @return events sorted by time, starting at t = 0 microseconds
   */
  public static Events simulate(float[] intensity, int width, int height, SaccadeParams params) {
    return simulate(intensity, width, height, params, t -> offsetAt(t, params));
  }

  /**
   * As {@link #simulate(float[], int, int, SaccadeParams)} with another motion: {@code offset.apply(t)} gives the
   * image shift {@code {dx, dy}} in pixels at time {@code t} µs ({@code {0, 0}} at t = 0 is the reference), sampled
   * every {@code stepMicros} up to {@code saccades * saccadeMicros}; the amplitude of {@code params} is not used.
   */
  public static Events simulate(float[] intensity, int width, int height, SaccadeParams params,
      LongFunction<double[]> offset) {
    requireSimulable(width, height);
    if (intensity.length != width * height) {
      throw new IllegalArgumentException("intensity has " + intensity.length + " values, expected " + width + "x"
          + height);
    }
    SplittableRandom random = new SplittableRandom(params.seed());
    // the noise from a stream of its own: sharing the jitter's made any rate > 0 (even 1e-300) re-draw every later
    // jitter, so a run with noise was no paired comparison with the same seed without it
    SplittableRandom noiseRandom = new SplittableRandom(params.seed() ^ 0x9E3779B97F4A7C15L);
    int n = width * height;
    double[] reference = new double[n];
    long[] lastEvent = new long[n];
    Arrays.fill(lastEvent, NEVER); // a pixel's first crossing is never inside a refractory period, however long
    double[] origin = offset.apply(0);
    sample(intensity, width, height, origin[0], origin[1], reference);
    double[] current = new double[n];
    EventsBuilder out = new EventsBuilder(4096);
    long total = (long) params.saccades() * params.saccadeMicros();
    double noisePerStep = params.noiseRate() * n * params.stepMicros() / 1e6;
    double expectedNoise = noisePerStep * (total / params.stepMicros());
    if (expectedNoise > MAX_EVENTS) {
      throw new OutputTooLargeException(NAME + ": noise_rate=" + params.noiseRate() + " on " + n + " pixels over "
          + total + " us gives about " + (long) Math.min(expectedNoise, Long.MAX_VALUE) + " noise events, more than "
          + "the " + MAX_EVENTS + " a simulated recording holds");
    }
    for (long t0 = params.stepMicros(); t0 <= total; t0 += params.stepMicros()) {
      double[] shift = offset.apply(t0);
      sample(intensity, width, height, shift[0], shift[1], current);
      for (int i = 0; i < n; i++) {
        double diff = current[i] - reference[i];
        double theta = diff > 0 ? params.onThreshold() : params.offThreshold();
        int k = (int) Math.min(MAX_EVENTS_PER_STEP, Math.floor(Math.abs(diff) / theta));
        for (int e = 0; e < k; e++) {
          long t = t0 - params.stepMicros() + (e * params.stepMicros() + random.nextLong(params.stepMicros())) / k;
          if (lastEvent[i] != NEVER && t - lastEvent[i] < params.refractoryMicros()) {
            continue;
          }
          lastEvent[i] = t;
          out.add((short) (i % width), (short) (i / width), t, diff > 0);
        }
        if (k > 0) {
          reference[i] += Math.signum(diff) * k * theta;
        }
      }
      int noise = poisson(noiseRandom, noisePerStep);
      for (int j = 0; j < noise; j++) {
        int i = noiseRandom.nextInt(n);
        long t = t0 - params.stepMicros() + noiseRandom.nextLong(params.stepMicros());
        out.add((short) (i % width), (short) (i / width), t, noiseRandom.nextBoolean());
      }
      if (out.size() > MAX_EVENTS) {
        throw new OutputTooLargeException(NAME + ": more than " + MAX_EVENTS + " events by t=" + t0 + " us, the most a "
            + "simulated recording holds (" + n + " pixels)");
      }
    }
    return sortByTime(out.take());
  }

  /** Image offset (pixels) at time t: walks the triangle (0,0) -> (a/2, a) -> (a, 0) -> (0,0). */
  static double[] offsetAt(long t, SaccadeParams params) {
    double a = params.amplitude();
    double[][] corners = {{0, 0}, {a / 2, a}, {a, 0}};
    long leg = Math.min(params.saccades() - 1, t / params.saccadeMicros());
    double f = (t - leg * params.saccadeMicros()) / (double) params.saccadeMicros();
    double[] from = corners[(int) (leg % 3)];
    double[] to = corners[(int) ((leg + 1) % 3)];
    return new double[] {from[0] + f * (to[0] - from[0]), from[1] + f * (to[1] - from[1])};
  }

  /** Log intensity of the image shifted by (dx, dy), bilinear, black outside. */
  private static void sample(float[] img, int w, int h, double dx, double dy, double[] out) {
    for (int y = 0; y < h; y++) {
      double sy = y - dy;
      int y0 = (int) Math.floor(sy);
      double fy = sy - y0;
      for (int x = 0; x < w; x++) {
        double sx = x - dx;
        int x0 = (int) Math.floor(sx);
        double fx = sx - x0;
        double v = (1 - fy) * ((1 - fx) * at(img, w, h, x0, y0) + fx * at(img, w, h, x0 + 1, y0))
            + fy * ((1 - fx) * at(img, w, h, x0, y0 + 1) + fx * at(img, w, h, x0 + 1, y0 + 1));
        out[y * w + x] = v == 0.0 ? LOG_BLACK : Math.log(LOG_EPS + v); // the same double either way
      }
    }
  }

  private static double at(float[] img, int w, int h, int x, int y) {
    return x < 0 || y < 0 || x >= w || y >= h ? 0.0 : img[y * w + x];
  }

  /**
   * A Poisson draw of {@code mean}: Knuth's product of uniforms, in parts of at most {@link #POISSON_PART} (a sum of
   * independent Poisson draws is Poisson of the summed means). One product for a mean past about 745 stopped when
   * {@code exp(-mean)} underflowed to 0, so every larger noise rate gave the same few hundred events.
   */
  private static int poisson(SplittableRandom random, double mean) {
    int k = 0;
    for (double left = mean; left > 0; left -= POISSON_PART) {
      k += poissonPart(random, Math.min(left, POISSON_PART));
    }
    return k;
  }

  private static int poissonPart(SplittableRandom random, double mean) {
    double l = Math.exp(-mean);
    int k = 0;
    double p = 1.0;
    do {
      k++;
      p *= random.nextDouble();
    } while (p > l);
    return k - 1;
  }


  /** Stable sort by timestamp (events of one step were emitted pixel by pixel). */
  private static Events sortByTime(Events e) {
    int n = e.size();
    long[] keys = new long[n];
    long[] t = e.t();
    for (int i = 0; i < n; i++) {
      keys[i] = (t[i] << 24) | i; // t < 2^39 and n < 2^24 in any simulated recording
    }
    if (n > MAX_EVENTS) {
      throw new IllegalStateException("too many simulated events: " + n); // simulate stops at MAX_EVENTS
    }
    Arrays.sort(keys);
    short[] xs = new short[n];
    short[] ys = new short[n];
    long[] ts = new long[n];
    boolean[] ps = new boolean[n];
    for (int j = 0; j < n; j++) {
      int i = (int) (keys[j] & 0xFFFFFF);
      xs[j] = e.x()[i];
      ys[j] = e.y()[i];
      ts[j] = t[i];
      ps[j] = e.p()[i];
    }
    return Events.wrap(xs, ys, ts, ps);
  }
}
