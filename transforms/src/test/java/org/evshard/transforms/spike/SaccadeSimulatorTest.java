package org.evshard.transforms.spike;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.evshard.io.events.Events;
import org.junit.jupiter.api.Test;

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

  @Test
  void noMotionAndNoNoiseGivesNoEvents() {
    SaccadeParams still = new SaccadeParams(3, 100_000, 0.0, 1_000, 0.25, 0.25, 1_000, 0.0, 1);
    assertEquals(0, SaccadeSimulator.simulate(square(34, 34), 34, 34, still).size());
  }

  @Test
  void rejectsMismatchedImageSize() {
    assertThrows(IllegalArgumentException.class,
        () -> SaccadeSimulator.simulate(new float[10], 34, 34, SaccadeParams.nmnistLike(1)));
  }
}
