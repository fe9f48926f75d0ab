package org.evshard.io.prophesee;

import java.io.Serializable;

/**
 * What an EVT 3.0 reader knows just before a split's first word: whether a TIME_HIGH has been seen, the 24-bit wrap
 * count, the last TIME_HIGH and TIME_LOW, the row (ADDR_Y), and the vector base x and polarity (VECT_BASE_X, advanced
 * by every VECT_12 / VECT_8 since).
 */
record Evt3SplitState(boolean timeSet, long wraps, int high, int low, short y, int baseX, boolean baseP)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The state at the start of the data. */
  static final Evt3SplitState INITIAL = new Evt3SplitState(false, 0, 0, 0, (short) 0, 0, false);
}
