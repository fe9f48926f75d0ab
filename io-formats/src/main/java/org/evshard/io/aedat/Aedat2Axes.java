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
  SPIKINGJELLY_CIFAR10DVS
}
