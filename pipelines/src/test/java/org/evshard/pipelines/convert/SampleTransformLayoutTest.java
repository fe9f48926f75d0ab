package org.evshard.pipelines.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.evshard.io.events.SensorGeometry;
import org.evshard.io.shard.ShardLayout;
import org.junit.jupiter.api.Test;

/**
 * The shard layout a chain gives, found by running it on synthetic recordings: a fixed tensor shape only when every
 * probed row agrees. With a slicer only the first and last slices are probed, so these cases pin that the last
 * (incomplete) slice is among them and that a small window still gives the fixed shape.
 */
class SampleTransformLayoutTest {

  private static final SensorGeometry SENSOR = new SensorGeometry(34, 34);

  @Test
  void aSmallSliceWindowStillGivesTheFixedShape() {
    ShardLayout layout = SampleTransform.parse(List.of("slice_by_time(time_window=1000)", "frame(n_time_bins=10)"))
        .layout(SENSOR);
    assertArrayEquals(new long[] {10, 2, 34, 34}, layout.fixedShape());
  }

  @Test
  void anIncompleteLastSliceWithFewerFramesMakesTheShapeVariable() {
    // 300 ms slices of 100 ms frames: 3 frames per full slice, 1 in the incomplete last slice of the 1 s recording
    ShardLayout layout = SampleTransform.parse(List.of("slice_by_time(time_window=300000, include_incomplete=True)",
        "frame(time_window=100000)")).layout(SENSOR);
    assertNull(layout.fixedShape());
  }
}
