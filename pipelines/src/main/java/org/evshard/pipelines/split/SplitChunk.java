package org.evshard.pipelines.split;

import java.util.Objects;
import org.evshard.io.events.Events;

/**
 * One chunk of events of one split of a recording, the unit {@link ReadRecordingSplits} emits: columns, never one
 * element per event. Ordering the chunks of a recording by {@code (split, chunk)} gives its sequential read.
 *
 * @param file the recording
 * @param split the split's index in its plan
 * @param chunk the chunk's index in its split, from 0
 * @param events the chunk's events (at most the read options' chunk size)
 */
public record SplitChunk(String file, int split, int chunk, Events events) {

  public SplitChunk {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(events, "events");
  }
}
