package org.evshard.io.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.TriggerEvents;

/**
 * Checks that the splits of a plan, read one after the other, give what one sequential read gives: the same events in
 * the same order (compared column by column while both sides stream, so memory stays at two chunks whatever the file
 * size), the same triggers, the same skipped counts summed over the splits, the same header fields and geometry, and
 * that each split reader stops exactly at its split's end.
 */
public final class SplitUnion {

  /** What both reads held. */
  public record Totals(long events, long triggers, Map<String, Long> skipped, long firstT, long lastT) {}

  private SplitUnion() {}

  /** Asserts that the splits' union equals the sequential read of {@code file} as {@code format}. */
  public static Totals assertUnionEqualsSequential(Path file, String format, List<RecordingSplit> splits,
      ReadOptions options) throws IOException {
    checkPlan(file, format, splits);
    Cursor seq = new Cursor(Collections.singletonList((RecordingSplit) null).iterator(), file, format, options);
    Cursor split = new Cursor(splits.iterator(), file, format, options);
    long index = 0;
    long firstT = 0;
    long lastT = 0;
    while (true) {
      boolean a = seq.ensure();
      boolean b = split.ensure();
      if (a != b) {
        fail((a ? "the splits end" : "the sequential read ends") + " after " + index + " events");
      }
      if (!a) {
        break;
      }
      int n = Math.min(seq.left(), split.left());
      compare(seq, split, n, index);
      if (index == 0) {
        firstT = seq.chunk.t[seq.at];
      }
      lastT = seq.chunk.t[seq.at + n - 1];
      seq.at += n;
      split.at += n;
      index += n;
    }
    seq.close();
    split.close();
    assertEquals(seq.triggerCount, split.triggerCount, "trigger count");
    assertEquals(seq.triggerHash, split.triggerHash, "triggers (t, channel, edge) in order");
    assertEquals(seq.skipped, split.skipped, "skipped counts summed over the splits");
    return new Totals(index, seq.triggerCount, seq.skipped, firstT, lastT);
  }

  private static void checkPlan(Path file, String format, List<RecordingSplit> splits) {
    assertTrue(!splits.isEmpty(), "a plan has at least one split");
    for (int i = 0; i < splits.size(); i++) {
      RecordingSplit s = splits.get(i);
      assertEquals(i, s.index(), "split index");
      assertEquals(file.toString(), s.file());
      assertEquals(format, s.format());
      if (i > 0) {
        assertEquals(splits.get(i - 1).end(), s.start(), "splits are contiguous");
      }
    }
  }

  private static void compare(Cursor a, Cursor b, int n, long index) {
    EventChunk x = a.chunk;
    EventChunk y = b.chunk;
    if (Arrays.equals(x.x, a.at, a.at + n, y.x, b.at, b.at + n)
        && Arrays.equals(x.y, a.at, a.at + n, y.y, b.at, b.at + n)
        && Arrays.equals(x.t, a.at, a.at + n, y.t, b.at, b.at + n)
        && Arrays.equals(x.p, a.at, a.at + n, y.p, b.at, b.at + n)) {
      return;
    }
    for (int i = 0; i < n; i++) {
      int p = a.at + i;
      int q = b.at + i;
      if (x.x[p] != y.x[q] || x.y[p] != y.y[q] || x.t[p] != y.t[q] || x.p[p] != y.p[q]) {
        fail("event " + (index + i) + " differs (split " + b.splitIndex + "): sequential (" + x.x[p] + ", " + x.y[p]
            + ", " + x.t[p] + ", " + x.p[p] + "), splits (" + y.x[q] + ", " + y.y[q] + ", " + y.t[q] + ", " + y.p[q]
            + ")");
      }
    }
  }

  /** Events of a sequence of readers (one per split, or the one sequential reader when the split is null). */
  private static final class Cursor {
    private final Iterator<RecordingSplit> splits;
    private final Path file;
    private final String format;
    private final ReadOptions options;
    final EventChunk chunk;
    final Map<String, Long> skipped = new TreeMap<>();
    private EventReader reader;
    private RecordingSplit current;
    private Map<String, String> header;
    private Object geometry;
    int at;
    int splitIndex = -1;
    long triggerCount;
    long triggerHash = 1;

    Cursor(Iterator<RecordingSplit> splits, Path file, String format, ReadOptions options) {
      this.splits = splits;
      this.file = file;
      this.format = format;
      this.options = options;
      this.chunk = new EventChunk(options.chunkSize());
    }

    int left() {
      return chunk.size() - at;
    }

    /** Makes at least one event available; false when every reader is exhausted. */
    boolean ensure() throws IOException {
      while (left() == 0) {
        if (reader == null) {
          if (!splits.hasNext()) {
            return false;
          }
          current = splits.next();
          splitIndex++;
          reader = current == null ? EventFormats.defaults().open(file, format, options)
              : RecordingSplits.open(current, options);
          if (header == null) {
            header = reader.headerFields();
            geometry = reader.geometry();
          } else {
            assertEquals(header, reader.headerFields(), "header fields of split " + splitIndex);
            assertEquals(geometry, reader.geometry(), "geometry of split " + splitIndex);
          }
        }
        at = 0;
        boolean more = reader.nextChunk(chunk);
        addTriggers(reader.triggers());
        if (!more) {
          finishReader();
        }
      }
      return true;
    }

    private void addTriggers(TriggerEvents t) {
      for (int i = 0; i < t.size(); i++) {
        triggerHash = 31 * (31 * (31 * triggerHash + t.t(i)) + t.channel(i)) + (t.rising(i) ? 1 : 0);
      }
      triggerCount += t.size();
    }

    private void finishReader() throws IOException {
      if (current != null) {
        assertEquals(current.end(), reader.bytePosition(), "split " + splitIndex + " stops at its end");
      }
      reader.skippedCounts().forEach((k, v) -> skipped.merge(k, v, Long::sum));
      reader.close();
      reader = null;
    }

    void close() throws IOException {
      if (reader != null) {
        reader.close();
      }
    }
  }

  /** The split boundaries of a plan, for messages. */
  public static List<Long> boundaries(List<RecordingSplit> splits) {
    List<Long> b = new ArrayList<>();
    splits.forEach(s -> b.add(s.start()));
    return b;
  }
}
