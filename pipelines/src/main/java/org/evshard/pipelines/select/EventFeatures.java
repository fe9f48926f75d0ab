package org.evshard.pipelines.select;

import org.evshard.io.events.Events;
import org.evshard.io.shard.SampleRow;
import org.evshard.io.shard.ShardTensor;
import org.evshard.transforms.select.PixelFeatures;

/**
 * Pixel features of an event shard row ({@link FeatureSpec.Kind#PIXELS}): for the events layout, one frame per
 * polarity (OFF first) at sensor resolution holding each pixel's share of the row's events (counts divided by the
 * event count, so recordings of different lengths compare), each averaged down to {@code s x s}; for the tensor
 * layout, every leading index of the tensor (e.g. time bin and polarity of a frame tensor {@code [T, P, H, W]}) is a
 * channel whose {@code H x W} plane is averaged down to {@code s x s}. Pure: the row is not modified.
 */
final class EventFeatures {

  /** Two float frames at sensor resolution, and the double copy of one that the area average takes. */
  static final long BYTES_PER_SENSOR_PIXEL = 2 * Float.BYTES + Double.BYTES;

  private EventFeatures() {
  }

  static float[] pixels(SampleRow row, int s) {
    return row.tensor() != null ? tensorPixels(row, s) : eventPixels(row, s);
  }

  private static float[] eventPixels(SampleRow row, int s) {
    int w = row.sensorWidth();
    int h = row.sensorHeight();
    if (w < 1 || h < 1) {
      throw new IllegalArgumentException("sample " + row.sampleId() + " has no sensor size (" + w + "x" + h + ")");
    }
    long bytes = BYTES_PER_SENSOR_PIXEL * w * h;
    long limit = Runtime.getRuntime().maxMemory() / 4;
    if (bytes > limit) { // a shard's sensor columns are 4 bytes each: a crafted one asked for gigabytes per row
      throw new IllegalArgumentException("sample " + row.sampleId() + ": its sensor of " + w + "x" + h + " needs "
          + bytes + " bytes for pixel features at sensor resolution (" + BYTES_PER_SENSOR_PIXEL + " per pixel), more "
          + "than a quarter of the heap (" + limit + " bytes); check the shard's sensor_width and sensor_height");
    }
    float[][] frames = {new float[w * h], new float[w * h]};
    Events e = row.events();
    int n = e.size();
    float unit = n == 0 ? 0f : 1f / n;
    short[] x = e.x();
    short[] y = e.y();
    boolean[] p = e.p();
    for (int i = 0; i < n; i++) {
      if (x[i] >= 0 && x[i] < w && y[i] >= 0 && y[i] < h) {
        frames[p[i] ? 1 : 0][y[i] * w + x[i]] += unit;
      }
    }
    float[] out = new float[2 * s * s];
    for (int c = 0; c < 2; c++) {
      System.arraycopy(PixelFeatures.downsample(frames[c], h, w, s), 0, out, c * s * s, s * s);
    }
    return out;
  }

  private static float[] tensorPixels(SampleRow row, int s) {
    ShardTensor t = row.tensor();
    long[] shape = t.shape();
    if (shape.length < 2) {
      throw new IllegalArgumentException("sample " + row.sampleId() + ": tensor of shape "
          + java.util.Arrays.toString(shape) + " has no H x W plane");
    }
    int h = Math.toIntExact(shape[shape.length - 2]);
    int w = Math.toIntExact(shape[shape.length - 1]);
    int plane = h * w;
    int channels = Math.toIntExact(t.size() / Math.max(1, plane));
    float[] out = new float[channels * s * s];
    float[] frame = new float[plane];
    for (int c = 0; c < channels; c++) {
      for (int i = 0; i < plane; i++) {
        frame[i] = (float) value(t, (long) c * plane + i);
      }
      System.arraycopy(PixelFeatures.downsample(frame, h, w, s), 0, out, c * s * s, s * s);
    }
    return out;
  }

  private static double value(ShardTensor t, long i) {
    int j = Math.toIntExact(i);
    return switch (t.dtype()) {
      case INT16 -> ((short[]) t.data())[j];
      case INT64 -> ((long[]) t.data())[j];
      case FLOAT32 -> ((float[]) t.data())[j];
      case FLOAT64 -> ((double[]) t.data())[j];
    };
  }
}
