package org.evshard.transforms.spike;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evshard.io.Fixtures;
import org.evshard.io.atis.AtisBinFormat;
import org.evshard.io.events.Events;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.ReadOptions;
import org.evshard.transforms.OutputTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SaccadeSimulatorTest {

  private static float[] square(int w, int h) {
    float[] img = new float[w * h];
    for (int y = 10; y < 24; y++) {
      for (int x = 10; x < 24; x++) {
        img[y * w + x] = 1f;
      }
    }
    return img;
  }

  @Test
  void sameSeedSameRecordingOtherSeedOtherTiming() {
    float[] img = square(34, 34);
    Events a = SaccadeSimulator.simulate(img, 34, 34, SaccadeParams.nmnistLike(7));
    Events b = SaccadeSimulator.simulate(img, 34, 34, SaccadeParams.nmnistLike(7));
    Events c = SaccadeSimulator.simulate(img, 34, 34, SaccadeParams.nmnistLike(8));
    assertEquals(a, b);
    assertNotEquals(a, c);
  }

  @Test
  void movingEdgesFireBothPolaritiesInsideTheSensorInTimeOrder() {
    float[] img = square(34, 34);
    float[] copy = img.clone();
    Events e = SaccadeSimulator.simulate(img, 34, 34, SaccadeParams.nmnistLike(1));
    assertArrayEquals(copy, img, "input image was modified");
    assertTrue(e.size() > 100, "expected edge events, got " + e.size());
    int on = 0;
    for (int i = 0; i < e.size(); i++) {
      assertTrue(e.x()[i] >= 0 && e.x()[i] < 34 && e.y()[i] >= 0 && e.y()[i] < 34);
      assertTrue(i == 0 || e.t()[i] >= e.t()[i - 1], "not sorted at " + i);
      assertTrue(e.t()[i] >= 0 && e.t()[i] <= 300_000);
      on += e.p()[i] ? 1 : 0;
    }
    assertTrue(on > 0 && on < e.size(), "expected ON and OFF events, ON=" + on + " of " + e.size());
  }

  /** With noise the signal events are the same as without: noise_rate=1e-300 kept 4 of 5,645 (shared stream). */
  @Test
  void noiseIsAddedToTheSameSignalNotADifferentOne() {
    float[] img = square(34, 34);
    Events quiet = SaccadeSimulator.simulate(img, 34, 34, SaccadeParams.nmnistLike(3));
    Events tiny = SaccadeSimulator.simulate(img, 34, 34, SaccadeParams.nmnistLike(3).withNoiseRate(1e-300));
    assertEquals(quiet, tiny);
    Events noisy = SaccadeSimulator.simulate(img, 34, 34, SaccadeParams.nmnistLike(3).withNoiseRate(5));
    java.util.Set<String> all = new java.util.HashSet<>();
    for (int i = 0; i < noisy.size(); i++) {
      all.add(noisy.x()[i] + "," + noisy.y()[i] + "," + noisy.t()[i] + "," + noisy.p()[i]);
    }
    for (int i = 0; i < quiet.size(); i++) {
      assertTrue(all.contains(quiet.x()[i] + "," + quiet.y()[i] + "," + quiet.t()[i] + "," + quiet.p()[i]),
          "signal event " + i + " is missing with noise");
    }
    assertTrue(noisy.size() > quiet.size());
  }

  /** Each pixel fires once with a period past the recording; 2^63 - 1 suppressed every event (overflow). */
  @Test
  void aRefractoryPeriodLongerThanTheRecordingLetsEachPixelFireOnce() {
    float[] img = square(34, 34);
    SaccadeParams p = SaccadeParams.nmnistLike(1);
    int once = -1;
    for (long period : new long[] {1_000_000_000_000L, 1L << 62, Long.MAX_VALUE}) {
      SaccadeParams q = new SaccadeParams(p.saccades(), p.saccadeMicros(), p.amplitude(), p.stepMicros(),
          p.onThreshold(), p.offThreshold(), period, 0, p.seed());
      Events e = SaccadeSimulator.simulate(img, 34, 34, q);
      java.util.Set<Integer> pixels = new java.util.HashSet<>();
      for (int i = 0; i < e.size(); i++) {
        assertTrue(pixels.add(e.y()[i] * 34 + e.x()[i]), "a pixel fired twice with period " + period);
      }
      assertTrue(e.size() > 0, "no event with period " + period);
      if (once < 0) {
        once = e.size();
      }
      assertEquals(once, e.size(), "period " + period);
    }
  }

  @Test
  void noMotionAndNoNoiseGivesNoEvents() {
    SaccadeParams still = new SaccadeParams(3, 100_000, 0.0, 1_000, 0.25, 0.25, 1_000, 0.0, 1);
    assertEquals(0, SaccadeSimulator.simulate(square(34, 34), 34, 34, still).size());
  }

  /** A noise rate that is NaN or infinite is refused by name (NaN passed the old {@code < 0} test unnoticed). */
  @ParameterizedTest
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, -5})
  void aNoiseRateThatIsNotAFiniteNonNegativeNumberIsRefused(double rate) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SaccadeParams.nmnistLike(1).withNoiseRate(rate));
    assertTrue(e.getMessage().startsWith("noise rate must be a finite number >= 0"), e.getMessage());
    assertTrue(e.getMessage().endsWith("got " + rate), e.getMessage());
  }

  @Test
  void rejectsMismatchedImageSize() {
    assertThrows(IllegalArgumentException.class,
        () -> SaccadeSimulator.simulate(new float[10], 34, 34, SaccadeParams.nmnistLike(1)));
  }

  @Test
  void blankImageGivesNoEventsWithNoiseOff() {
    assertEquals(0, SaccadeSimulator.simulate(new float[34 * 34], 34, 34, SaccadeParams.nmnistLike(3)).size());
  }

  /**
   * On a blank image every event is noise: about noise_rate x pixels x 0.3 s of them. Rates of 1,000 and 4,000 Hz put
   * 1,156 and 4,624 events in each 1 ms step, past the mean (about 745) where one product of uniforms underflowed and
   * every higher rate gave the same count.
   */
  @ParameterizedTest(name = "noise_rate={0}")
  @ValueSource(doubles = {10, 100, 1_000, 4_000})
  void noiseCountFollowsTheRate(double rate) {
    Events e = SaccadeSimulator.simulate(new float[34 * 34], 34, 34, SaccadeParams.nmnistLike(5).withNoiseRate(rate));
    double expected = rate * 34 * 34 * 0.3;
    assertTrue(Math.abs(e.size() - expected) < 6 * Math.sqrt(expected), e.size() + " events, expected " + expected);
  }

  @Test
  void noiseBeyondWhatARecordingHoldsFailsBeforeSimulating() {
    OutputTooLargeException e = assertThrows(OutputTooLargeException.class, () -> SaccadeSimulator.simulate(
        new float[34 * 34], 34, 34, SaccadeParams.nmnistLike(5).withNoiseRate(1e5)));
    assertEquals("saccade: noise_rate=100000.0 on 1156 pixels over 300000 us gives about 34680000 noise events, more "
        + "than the 16777215 a simulated recording holds", e.getMessage());
  }

  @Test
  void squareMovingRightFiresOnAtItsLeadingEdgeAndOffAtItsTrailingEdge() {
    int w = 40;
    int h = 20;
    float[] img = new float[w * h];
    for (int y = 5; y < 15; y++) {
      for (int x = 10; x < 20; x++) {
        img[y * w + x] = 1f;
      }
    }
    // one 100 ms "saccade" moving 6 pixels to the right: the square ends at x = 16..25
    SaccadeParams params = new SaccadeParams(1, 100_000, 0.0, 1_000, 0.25, 0.25, 1_000, 0.0, 5);
    Events e = SaccadeSimulator.simulate(img, w, h, params, t -> new double[] {6.0 * t / 100_000, 0.0});
    assertTrue(e.size() > 100, "events: " + e.size());
    int[] net = new int[w * h]; // accumulated ON - OFF
    for (int i = 0; i < e.size(); i++) {
      net[e.y()[i] * w + e.x()[i]] += e.p()[i] ? 1 : -1;
    }
    int leading = 0;
    int trailing = 0;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int v = net[y * w + x];
        boolean rows = y >= 5 && y < 15;
        if (rows && x >= 20 && x < 26) {
          assertTrue(v >= 0, "OFF on the leading edge at " + x + "," + y);
          leading += v;
        } else if (rows && x >= 10 && x < 16) {
          assertTrue(v <= 0, "ON on the trailing edge at " + x + "," + y);
          trailing += v;
        } else {
          assertTrue(v == 0 || rows && (x == 9 || x == 26 || x == 16 || x == 19), "event far from the edges at "
              + x + "," + y + ": " + v);
        }
      }
    }
    assertTrue(leading > 50, "leading edge ON - OFF: " + leading);
    assertTrue(trailing < -50, "trailing edge ON - OFF: " + trailing);
  }

  /** A digit-like stroke: a ring of radius 8 and width 3 centred in 34 x 34 (N-MNIST digits are 28 x 28, centred). */
  private static float[] ring() {
    float[] img = new float[34 * 34];
    for (int y = 0; y < 34; y++) {
      for (int x = 0; x < 34; x++) {
        double r = Math.hypot(x - 16.5, y - 16.5);
        img[y * 34 + x] = r >= 6.5 && r <= 9.5 ? 1f : 0f;
      }
    }
    return img;
  }

  @Test
  void countAndDurationOfTheOrderOfARealNmnistRecording() throws IOException {
    Path bin = Fixtures.file("fixtures/events/nmnist_bin/sample_nmnist.bin");
    Events real;
    try (InputStream in = Files.newInputStream(bin);
        EventReader r = new AtisBinFormat().open(in, bin.toString(), ReadOptions.defaults())) {
      real = r.readAll(ReadOptions.defaults());
    }
    Events sim = SaccadeSimulator.simulate(ring(), 34, 34, SaccadeParams.nmnistLike(1));
    long realSpan = real.t()[real.size() - 1] - real.t()[0];
    long simSpan = sim.t()[sim.size() - 1] - sim.t()[0];
    double countRatio = (double) sim.size() / real.size();
    double spanRatio = (double) simSpan / realSpan;
    // the real sample: 4325 events over 310.5 ms; accept a factor 3 in count and 1.5 in duration
    assertTrue(countRatio > 1 / 3.0 && countRatio < 3.0, "count " + sim.size() + " vs real " + real.size());
    assertTrue(spanRatio > 1 / 1.5 && spanRatio < 1.5, "duration " + simSpan + " vs real " + realSpan);
    System.out.printf("saccade ring 34x34: %d events over %d us; real N-MNIST sample: %d over %d us%n", sim.size(),
        simSpan, real.size(), realSpan);
  }
}
