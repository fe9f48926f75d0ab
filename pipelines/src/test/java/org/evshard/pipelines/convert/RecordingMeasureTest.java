package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.EvshardIoException;
import org.evshard.io.events.SensorGeometry;
import org.junit.jupiter.api.Test;

/** The first pass of streamed slicing: totals, time order and the sensor checks a held sample gets. */
class RecordingMeasureTest {

  private static final SensorGeometry SENSOR = new SensorGeometry(10, 8);

  private static void add(RecordingMeasure m, long offset, int... xyt) {
    int n = xyt.length / 3;
    short[] x = new short[n];
    short[] y = new short[n];
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      x[i] = (short) xyt[3 * i];
      y[i] = (short) xyt[3 * i + 1];
      t[i] = xyt[3 * i + 2];
    }
    m.add(x, y, t, n, offset);
  }

  @Test
  void measuresCountFirstAndLastTimestampAcrossChunks() {
    RecordingMeasure m = new RecordingMeasure("a.raw", SENSOR);
    add(m, 100, 1, 1, 5, 9, 7, 5);
    add(m, 150);
    add(m, 200, 0, 0, 6, 3, 3, 40);
    m.requireTimeOrder();
    assertEquals(new RecordingTotals(4, 5, 40, SENSOR), m.finish(SENSOR));
  }

  @Test
  void anEventBeforeItsPredecessorNamesItsIndexTimestampsAndTheOffsetOfItsChunk() {
    RecordingMeasure m = new RecordingMeasure("a.raw", SENSOR);
    add(m, 100, 1, 1, 5, 2, 2, 9);
    add(m, 200, 1, 1, 9, 1, 1, 8);
    EvshardIoException e = assertThrows(EvshardIoException.class, m::requireTimeOrder);
    assertEquals(200, e.offset());
    assertEquals("streamed slicing needs time-ordered events: expected event 3 at t >= 9, found t = 8", e.reason());
  }

  @Test
  void anEventOutsideTheStatedSensorIsNamedWithTheOffsetOfItsChunk() {
    RecordingMeasure m = new RecordingMeasure("a.raw", SENSOR);
    add(m, 100, 1, 1, 5);
    add(m, 200, 3, 8, 6, 10, 0, 7);
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> m.finish(SENSOR));
    assertEquals(200, e.offset());
    assertEquals("event 1 at (x=3, y=8) lies outside the 10x8 sensor", e.reason());
  }

  @Test
  void withoutAGeometryTheExtentSizesTheRecordingAndANegativeCoordinateIsRefused() {
    RecordingMeasure m = new RecordingMeasure("a.bin", null);
    add(m, 50, 4, 2, 1, 30, 6, 2);
    assertEquals(new RecordingTotals(2, 1, 2, new SensorGeometry(31, 7)), m.finish(null));

    RecordingMeasure negative = new RecordingMeasure("b.bin", null);
    add(negative, 50, 4, 2, 1, -3, 6, 2);
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> negative.finish(null));
    assertTrue(e.reason().contains("event 1 at (x=-3, y=6)"), e.reason());
    assertEquals(50, e.offset());
  }

  @Test
  void aGeometryLearntWhileReadingIsCheckedAtTheEnd() {
    RecordingMeasure m = new RecordingMeasure("a.aedat", null);
    add(m, 50, 4, 2, 1, 12, 6, 2);
    CorruptInputException e = assertThrows(CorruptInputException.class, () -> m.finish(SENSOR));
    assertEquals("events span x 4..12, y 2..6, outside the 10x8 sensor", e.reason());
  }

  @Test
  void noEventsAndNoGeometryCannotBeSized() {
    EvshardIoException e = assertThrows(EvshardIoException.class,
        () -> new RecordingMeasure("a.bin", null).finish(null));
    assertTrue(e.reason().contains("no events and no sensor geometry"), e.reason());
  }
}
