package org.evshard.io.events;

import java.util.Arrays;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.evshard.io.error.LimitExceededException;

/**
 * External trigger events (EVT {@code EXT_TRIGGER}, AEDAT special/trigger events) as growable primitive columns:
 * timestamp in microseconds, trigger channel id, and edge ({@code true} = rising). Readers keep the triggers they met
 * while filling the most recent chunk here, apart from the DVS events, so memory stays bounded by the chunk.
 */
public final class TriggerEvents {

  /**
   * Most triggers held at once (27 MB of columns): a stream of trigger records with almost no events between them
   * (a few hundred KB of crafted AEDAT 4.0 packets, 60 MB of EVT 2.0 or 3.0) piled up until the heap was gone.
   */
  public static final int MAX_HELD = 1 << 21;

  private final Supplier<String> source;
  private final LongSupplier position;
  private long[] t = new long[16];
  private int[] channel = new int[16];
  private boolean[] rising = new boolean[16];
  private int size;

  /** A buffer without an owner (a format without triggers): a full one names no file. */
  public TriggerEvents() {
    this(() -> null, () -> -1);
  }

  /** The buffer of a reader whose source name and byte position a full buffer's error names (asked then). */
  public TriggerEvents(Supplier<String> source, LongSupplier position) {
    this.source = source;
    this.position = position;
  }

  public int size() {
    return size;
  }

  public void clear() {
    size = 0;
  }

  public void add(long tv, int channelId, boolean risingEdge) {
    if (size == MAX_HELD) {
      throw new LimitExceededException(source.get(), position.getAsLong(), "triggers met while one chunk of events fills", size + 1L, MAX_HELD,
          "a stream of trigger records with (almost) no events between them: a crafted or damaged file");
    }
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
