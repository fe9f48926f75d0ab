package org.evshard.io.aedat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.evshard.io.events.SensorGeometry;

/**
 * The camera family a jAER chip class or cAER source name stands for: whether its AEDAT 2.0 addresses use the DAVIS
 * or the DVS128 layout, and its pixel array when the name fixes it.
 *
 * @param name the name as the header states it
 * @param davis true for the DAVIS address layout, false for DVS128's
 * @param geometry the pixel array, or null when the name does not fix it (a DAVIS of unknown model)
 */
record AedatChip(String name, boolean davis, SensorGeometry geometry) {

  private record Known(String token, boolean davis, int width, int height) {}

  /** Name fragments, most specific first; matched case-insensitively anywhere in the name. */
  private static final List<Known> KNOWN = List.of(
      new Known("dvs128", false, 128, 128),
      new Known("tmpdiff128", false, 128, 128),
      new Known("davis240", true, 240, 180),
      new Known("davis346", true, 346, 260),
      new Known("davis640", true, 640, 480),
      new Known("davis208", true, 208, 192),
      new Known("davis128", true, 128, 128));

  /** The chip a name stands for, or empty when the name names none evshard knows. */
  static Optional<AedatChip> fromName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (Known k : KNOWN) {
      if (n.contains(k.token())) {
        return Optional.of(new AedatChip(name, k.davis(), new SensorGeometry(k.width(), k.height())));
      }
    }
    if (n.contains("davis")) {
      return Optional.of(new AedatChip(name, true, null));
    }
    return Optional.empty();
  }

  Optional<SensorGeometry> geometryOption() {
    return Optional.ofNullable(geometry);
  }
}
