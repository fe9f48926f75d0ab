package org.evshard.io.prophesee;

import java.io.Serializable;

/**
 * What an EVT 2.0 reader knows just before a split's first word: whether a TIME_HIGH has been seen, the 34-bit wrap
 * count and the last TIME_HIGH (the time base is {@code wraps << 34 | lastHigh << 6}).
 */
record Evt2SplitState(boolean timeSet, long wraps, int lastHigh) implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The state at the start of the data. */
  static final Evt2SplitState INITIAL = new Evt2SplitState(false, 0, 0);
}
