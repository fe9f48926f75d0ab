package org.evshard.io.aedat;

/**
 * How an AEDAT 2.0 reader turns raw DVS128 addresses into {@code (x, y, p)}. DAVIS addresses always follow
 * {@link #JAER}.
 */
public enum Aedat2Axes {
  /** jAER's view, origin top-left: {@code x = W-1-raw_x}, {@code y = H-1-raw_y}; DVS128 {@code p = 1-bit0}. */
  JAER,
  /**
   * SpikingJelly's CIFAR10-DVS convention for DVS128 addresses: {@code x = 127-raw_y}, {@code y = 127-raw_x},
   * {@code p = 1-bit0}.
   */
  SPIKINGJELLY_CIFAR10DVS;

  /** The {@code ReadOptions} format option key that selects the axes. */
  public static final String OPTION = "axes";

  /** Option value of this convention: {@code jaer} or {@code spikingjelly-cifar10dvs}. */
  public String optionValue() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * The axes an {@code axes=...} format option names ({@code jaer}, {@code spikingjelly-cifar10dvs}); {@link #JAER}
   * when the option is absent.
   *
   * @throws IllegalArgumentException for another value
   */
  public static Aedat2Axes fromOption(String value) {
    if (value == null) {
      return JAER;
    }
    for (Aedat2Axes a : values()) {
      if (a.optionValue().equals(value.trim().toLowerCase(java.util.Locale.ROOT))) {
        return a;
      }
    }
    throw new IllegalArgumentException("unknown AEDAT 2.0 axes '" + value + "'; known: jaer, spikingjelly-cifar10dvs");
  }
}
