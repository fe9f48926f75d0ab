package org.evshard.pipelines.convert;

import org.evshard.io.error.CorruptInputException;
import org.evshard.io.events.Events;
import org.evshard.io.events.SensorGeometry;
import org.evshard.transforms.stats.EventExtent;

/** Checks a decoded sample must pass before it becomes a row a training job will index with its coordinates. */
final class SampleChecks {

  private SampleChecks() {}

  /** Every event lies inside the sensor. Names the first offending event. */
  static void requireInside(String source, Events e, SensorGeometry g, EventExtent extent) {
    if (e.isEmpty() || (extent.minX() >= 0 && extent.minY() >= 0 && extent.maxX() < g.width()
        && extent.maxY() < g.height())) {
      return;
    }
    short[] x = e.x();
    short[] y = e.y();
    for (int i = 0; i < e.size(); i++) {
      if (!g.contains(x[i], y[i])) {
        throw new CorruptInputException(source, -1,
            "event " + i + " at (x=" + x[i] + ", y=" + y[i] + ") lies outside the " + g + " sensor");
      }
    }
  }
}
