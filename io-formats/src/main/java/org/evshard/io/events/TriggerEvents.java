package org.evshard.io.events;

import java.util.Arrays;

/**
 * External trigger events (EVT {@code EXT_TRIGGER}, AEDAT special/trigger events) as growable primitive columns:
 * timestamp in microseconds, trigger channel id, and edge ({@code true} = rising). Readers keep the triggers they met
 * while filling the most recent chunk here, apart from the DVS events, so memory stays bounded by the chunk.
 */
public final class TriggerEvents {

  private long[] t = new long[16];
  private int[] channel = new int[16];
  private boolean[] rising = new boolean[16];
  private int size;

  public int size() {
    return size;
  }

  public void clear() {
    size = 0;
  }

  public void add(long tv, int channelId, boolean risingEdge) {
    if (size == t.length) {
      int n = t.length * 2;
      t = Arrays.copyOf(t, n);
      channel = Arrays.copyOf(channel, n);
      rising = Arrays.copyOf(rising, n);
    }
    t[size] = tv;
    channel[size] = channelId;
    rising[size] = risingEdge;
    size++;
  }

  public long t(int i) {
    check(i);
    return t[i];
  }

  public int channel(int i) {
    check(i);
    return channel[i];
  }

  public boolean rising(int i) {
    check(i);
    return rising[i];
  }

  private void check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("trigger " + i + " of " + size);
    }
  }
}
