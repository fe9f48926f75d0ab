package org.evshard.transforms.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.junit.jupiter.api.Test;

class PreviewImageTest {

  @Test
  void onAndOffPixelsGetDifferentColoursAndQuietPixelsStayWhite() {
    Events e = Events.wrap(new short[] {0, 1, 5}, new short[] {0, 0, 0}, new long[] {1, 2, 3},
        new boolean[] {true, false, true});
    int[] rgb = PreviewImage.render(e, new SensorGeometry(4, 2)); // x=5 lies outside and is ignored
    assertEquals(8, rgb.length);
    int onPixel = rgb[0];
    int offPixel = rgb[1];
    assertEquals(0xFFFFFF, rgb[2]);
    assertTrue((onPixel & 0xFF) > ((onPixel >> 16) & 0xFF), "ON pixel should be blue-ish: " + Integer.toHexString(onPixel));
    assertTrue(((offPixel >> 16) & 0xFF) > (offPixel & 0xFF), "OFF pixel should be red-ish: " + Integer.toHexString(offPixel));
  }
}
