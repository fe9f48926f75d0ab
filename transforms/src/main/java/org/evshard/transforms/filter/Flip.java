package org.evshard.transforms.filter;

import org.evshard.io.events.Events;
import org.evshard.transforms.Require;
import org.evshard.transforms.SensorSize;

/**
 * Tonic's flips (the deterministic form of its {@code RandomFlip*}; the unchanged columns are shared with the
 * input, which is safe because {@link Events} columns are never written).
 *
 * <p>Maps: {@code flip_lr} ({@code x' = W - 1 - x}), {@code flip_ud} ({@code y' = H - 1 - y}), {@code flip_polarity}. */
public final class Flip {

  public static final String LR = "flip_lr";
  public static final String UD = "flip_ud";
  public static final String POLARITY = "flip_polarity";

  private Flip() {}

  public static Events lr(Events events, SensorSize sensor) {
    Require.sensor(LR, sensor);
    return Events.wrap(mirror(events.x(), sensor.width()), events.y(), events.t(), events.p());
  }

  public static Events ud(Events events, SensorSize sensor) {
    Require.sensor(UD, sensor);
    return Events.wrap(events.x(), mirror(events.y(), sensor.height()), events.t(), events.p());
  }

  /** ON becomes OFF and OFF becomes ON. */
  public static Events polarity(Events events) {
    boolean[] p = events.p();
    boolean[] out = new boolean[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = !p[i];
    }
    return Events.wrap(events.x(), events.y(), events.t(), out);
  }

  private static short[] mirror(short[] v, int size) {
    short[] out = new short[v.length];
    int last = size - 1;
    for (int i = 0; i < v.length; i++) {
      out[i] = (short) (last - v[i]);
    }
    return out;
  }
}
