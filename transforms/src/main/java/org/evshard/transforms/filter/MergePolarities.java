package org.evshard.transforms.filter;

import org.evshard.io.events.Events;

/** Tonic's {@code merge_polarities}: every polarity becomes OFF (0); the sensor then has one polarity channel. */
public final class MergePolarities {

  public static final String NAME = "merge_polarities";

  private MergePolarities() {}

  public static Events apply(Events events) {
    return Events.wrap(events.x(), events.y(), events.t(), new boolean[events.size()]);
  }
}
