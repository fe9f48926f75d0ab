package org.evshard.transforms.spike;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.evshard.io.events.Events;
import org.evshard.transforms.InvalidParameterException;
import org.evshard.transforms.OutputBudget;
import org.evshard.transforms.OutputTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageCodingTest {

  /** 16 x 8 image, intensity ramping over x from 0 to 1. */
  private static float[] ramp() {
    float[] img = new float[16 * 8];
    for (int i = 0; i < img.length; i++) {
      img[i] = (i % 16) / 15f;
    }
    return img;
  }

  @ParameterizedTest
  @ValueSource(doubles = {1.0, 0.5, 0.1})
  void rateMatchesIntensityWithinStatisticalBounds(double maxRate) {
    float[] img = ramp();
    float[] copy = img.clone();
    int steps = 2000;
    Events e = ImageCoding.rate(img, 16, 8, steps, maxRate, 1000, 42);
    assertArrayEquals(copy, img);
    long[] perPixel = new long[img.length];
    for (int i = 0; i < e.size(); i++) {
      assertTrue(e.p()[i]);
      assertEquals(0, e.t()[i] % 1000);
      assertTrue(i == 0 || e.t()[i] >= e.t()[i - 1]);
      perPixel[e.y()[i] * 16 + e.x()[i]]++;
    }
    for (int i = 0; i < img.length; i++) {
      double p = img[i] * maxRate;
      double sd = Math.sqrt(steps * p * (1 - p));
      // 5 sd per pixel: over 128 pixels and 3 cases a false failure has probability below 1e-4
      assertTrue(Math.abs(perPixel[i] - steps * p) <= 5 * sd + 1e-9, "pixel " + i + ": " + perPixel[i] + " vs "
          + steps * p);
    }
  }

  @Test
  void rateIsSeeded() {
    float[] img = ramp();
    assertEquals(ImageCoding.rate(img, 16, 8, 20, 0.5, 1000, 1), ImageCoding.rate(img, 16, 8, 20, 0.5, 1000, 1));
    assertNotEquals(ImageCoding.rate(img, 16, 8, 20, 0.5, 1000, 1), ImageCoding.rate(img, 16, 8, 20, 0.5, 1000, 2));
  }

  @Test
  void latencyExactlyPerFormulaBrighterEarlier() {
    float[] img = ramp();
    float[] copy = img.clone();
    double tau = 5;
    double threshold = 0.2;
    Events e = ImageCoding.latency(img, 16, 8, 10, tau, threshold, 500);
    assertArrayEquals(copy, img);
    long[] at = new long[img.length];
    java.util.Arrays.fill(at, -1);
    for (int i = 0; i < e.size(); i++) {
      int px = e.y()[i] * 16 + e.x()[i];
      assertEquals(-1, at[px], "pixel fired twice");
      at[px] = e.t()[i];
      assertTrue(i == 0 || e.t()[i] >= e.t()[i - 1]);
    }
    for (int i = 0; i < img.length; i++) {
      double v = img[i];
      long want = -1;
      if (v > threshold) {
        long k = Math.round(tau * Math.log(v / (v - threshold))); // round half up, as documented
        want = k < 10 ? k * 500 : -1;
      }
      assertEquals(want, at[i], "pixel " + i + " intensity " + v);
    }
    // brighter never later, and the ramp's darkest firing pixel is strictly later than the brightest
    for (int x = 1; x < 16; x++) {
      if (at[x] >= 0 && at[x - 1] >= 0) {
        assertTrue(at[x] <= at[x - 1]);
      }
    }
    assertTrue(at[15] < at[4], at[15] + " " + at[4]);
    assertEquals(0, ImageCoding.latency(new float[4], 2, 2, 10, tau, threshold, 1000).size());
  }

  /**
   * T steps of the pixels that can fire (dark ones cannot) bound the events: past the output budget, rate_code fails
   * before drawing (T = 100,000 on a 32 x 32 image ran out of memory on a 1 GiB heap).
   */
  @Test
  void rateCodeBeyondTheOutputBudgetFails() {
    long steps = 1 << 20;
    int firing = (int) (OutputBudget.maxBytes() / (steps * OutputBudget.EVENT_BYTES)) + 1;
    float[] img = new float[2 * firing];
    java.util.Arrays.fill(img, 0, firing, 0.01f);
    OutputTooLargeException e = assertThrows(OutputTooLargeException.class,
        () -> ImageCoding.rate(img, img.length, 1, steps, 1, 1, 0));
    assertTrue(e.getMessage().startsWith("rate_code: up to 1048576 x " + firing + " events (T x pixels that can fire) "
        + "would take "), e.getMessage());
    assertEquals(0, ImageCoding.rate(new float[2 * firing], 2 * firing, 1, steps, 1, 1, 0).size()); // none can fire
  }

  @Test
  void bytesAndErrors() {
    assertArrayEquals(new float[] {0f, 1f, 128 / 255f}, ImageCoding.fromBytes(new byte[] {0, (byte) 255,
        (byte) 128}));
    assertThrows(InvalidParameterException.class, () -> ImageCoding.rate(new float[4], 2, 3, 10, 1, 1000, 0));
    assertThrows(InvalidParameterException.class, () -> ImageCoding.rate(new float[] {2f}, 1, 1, 10, 1, 1000, 0));
    assertThrows(InvalidParameterException.class, () -> ImageCoding.rate(new float[1], 1, 1, 0, 1, 1000, 0));
    assertThrows(InvalidParameterException.class, () -> ImageCoding.rate(new float[1], 1, 1, 10, 1.5, 1000, 0));
    assertThrows(InvalidParameterException.class, () -> ImageCoding.latency(new float[1], 1, 1, 10, 0, 0.1, 1000));
    assertThrows(InvalidParameterException.class, () -> ImageCoding.latency(new float[1], 1, 1, 10, 1, 1, 1000));
    assertThrows(InvalidParameterException.class, () -> ImageCoding.latency(new float[1], 1, 1, 10, 1, 0.1, 0));
  }
}
