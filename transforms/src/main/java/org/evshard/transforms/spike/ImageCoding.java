package org.evshard.transforms.spike;

import java.util.SplittableRandom;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.OutputBudget;
import org.evshard.transforms.Require;

/**
 * Static image to spikes, in the standard event model so every event transform and representation applies. The image
 * is a row-major grayscale array of {@code width * height} intensities in [0, 1] ({@link #fromBytes} converts 0-255);
 * it is only read. Step {@code s} (0-based) has timestamp {@code s * dt} µs ({@code dt} default 1000 µs). Every spike
 * is an ON event at the pixel {@code (x, y)}; events are ordered by time, then row-major pixel order.
 *
 * <ul>
 *   <li>{@link #rate} ({@code rate_code(T, max_rate, seed)}, snnTorch's {@code spikegen.rate}): in each of {@code T}
 *       steps a pixel of intensity {@code I} fires with probability {@code I * max_rate} (independent Bernoulli draws
 *       from a seeded {@link SplittableRandom}); {@code max_rate} in [0, 1] is the spike probability per step at full
 *       intensity (snnTorch's {@code gain}).</li>
 *   <li>{@link #latency} ({@code latency_code(T, tau, threshold)}, snnTorch's {@code spikegen.latency} with the RC
 *       model): a pixel with {@code I > threshold} fires once at step
 *       {@code k = floor(tau * ln(I / (I - threshold)) + 0.5)} ({@code tau} in steps), when {@code k < T}; darker
 *       pixels ({@code I <= threshold}) and {@code k >= T} never fire. Brighter pixels fire earlier.</li>
 * </ul>
 * These take images, not events, so they are not in the event-only {@code TransformRegistry}; the CLI and pipelines
 * call this class directly.
 */
public final class ImageCoding {

  public static final String RATE = "rate_code";
  public static final String LATENCY = "latency_code";
  public static final long DEFAULT_DT = 1_000;

  private static final int MAX_STEPS = 1 << 20;

  private ImageCoding() {}

  /** Intensities {@code v / 255} of unsigned 8-bit pixels. */
  public static float[] fromBytes(byte[] pixels) {
    float[] out = new float[pixels.length];
    for (int i = 0; i < pixels.length; i++) {
      out[i] = (pixels[i] & 0xFF) / 255f;
    }
    return out;
  }

  public static Events rate(float[] image, int width, int height, long steps, double maxRate, long dt, long seed) {
    checkSteps(RATE, steps, dt);
    Require.inClosedRange(RATE, "max_rate", maxRate, 0.0, 1.0);
    checkImage(RATE, image, width, height);
    int n = image.length;
    long firing = 0;
    for (float v : image) {
      firing += v * maxRate > 0 ? 1 : 0;
    }
    // at most one event per firing pixel and step, whatever the draws give
    OutputBudget.check(RATE, "up to " + steps + " x " + firing + " events (T x pixels that can fire)",
        steps * firing * OutputBudget.EVENT_BYTES);
    SplittableRandom rng = new SplittableRandom(seed);
    EventsBuilder out = new EventsBuilder(1024);
    for (int s = 0; s < steps; s++) {
      long t = s * dt;
      for (int i = 0; i < n; i++) {
        double prob = image[i] * maxRate;
        if (rng.nextDouble() < prob) {
          out.add((short) (i % width), (short) (i / width), t, true);
        }
      }
    }
    return out.take();
  }

  public static Events latency(float[] image, int width, int height, long steps, double tau, double threshold,
      long dt) {
    checkSteps(LATENCY, steps, dt);
    Require.positive(LATENCY, "tau", tau);
    Require.inRange(LATENCY, "threshold", threshold, 0.0, 1.0);
    checkImage(LATENCY, image, width, height);
    int n = image.length;
    long[] step = new long[n];
    int[] perStep = new int[(int) steps + 1];
    for (int i = 0; i < n; i++) {
      step[i] = latencyStep(image[i], tau, threshold, steps);
      perStep[(int) Math.min(step[i], steps)]++;
    }
    // counting sort by step, row-major inside a step
    int[] start = new int[(int) steps + 1];
    for (int s = 1; s <= steps; s++) {
      start[s] = start[s - 1] + perStep[s - 1];
    }
    int fired = start[(int) steps];
    short[] xs = new short[fired];
    short[] ys = new short[fired];
    long[] ts = new long[fired];
    boolean[] ps = new boolean[fired];
    for (int i = 0; i < n; i++) {
      if (step[i] < steps) {
        int o = start[(int) step[i]]++;
        xs[o] = (short) (i % width);
        ys[o] = (short) (i / width);
        ts[o] = step[i] * dt;
        ps[o] = true;
      }
    }
    return Events.wrap(xs, ys, ts, ps);
  }

  /** The firing step of intensity {@code v}, or {@code steps} when the pixel never fires. */
  static long latencyStep(double v, double tau, double threshold, long steps) {
    if (!(v > threshold)) {
      return steps;
    }
    double k = Math.floor(tau * Math.log(v / (v - threshold)) + 0.5);
    return k < steps ? (long) k : steps;
  }

  private static void checkSteps(String name, long steps, long dt) {
    Require.positive(name, "T", steps);
    if (steps > MAX_STEPS) {
      throw InvalidParameterException.of(name, "T", "<= " + MAX_STEPS, steps);
    }
    Require.positive(name, "dt", dt);
    if (dt > Long.MAX_VALUE / steps) {
      throw InvalidParameterException.of(name, "dt", "small enough that T * dt fits in int64", dt);
    }
  }

  private static void checkImage(String name, float[] image, int width, int height) {
    if (width <= 0 || height <= 0 || width > Short.MAX_VALUE + 1 || height > Short.MAX_VALUE + 1
        || (long) width * height != image.length) {
      throw new InvalidParameterException(name + ": image has " + image.length + " values, expected " + width
          + " x " + height + " (each side 1..32768)");
    }
    for (int i = 0; i < image.length; i++) {
      if (!(image[i] >= 0f && image[i] <= 1f)) {
        throw new InvalidParameterException(name + ": intensity at pixel " + i + " (x=" + i % width + ", y="
            + i / width + ") must be in [0, 1], got " + image[i] + " (use fromBytes for 0-255 images)");
      }
    }
  }
}
