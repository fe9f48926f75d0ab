package org.evshard.io.format;

import java.util.List;

/**
 * What detection found for a file: the chosen format, how sure it was, and the other formats that matched as strongly
 * (the tie the registry's order broke, e.g. EVT 2.0 and 2.1 behind EVT 3.0 for a {@code .raw} file whose header
 * declares no encoding).
 *
 * @param format the format the file opens as
 * @param strength how {@code format} recognised the file
 * @param alsoMatching later-registered formats with the same strength, in registry order
 */
public record DetectedFormat(EventFormat format, Detection strength, List<EventFormat> alsoMatching) {

  public DetectedFormat {
    alsoMatching = List.copyOf(alsoMatching);
  }

  /**
   * True when nothing in the file told the formats sharing its extension apart: only the extension matched and other
   * formats share it, so {@link #format} was assumed (the first registered), not recognised. A caller that talks to
   * a person should say so and how to choose another ({@code --format}).
   */
  public boolean assumed() {
    return strength == Detection.EXTENSION && !alsoMatching.isEmpty();
  }
}
