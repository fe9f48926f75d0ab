package org.evshard.io.hdf5;

import io.jhdf.api.Dataset;
import java.util.Map;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.UnsupportedFormatException;
import org.evshard.io.events.TriggerEvents;

/**
 * Metavision's external triggers, the compound dataset {@code EXT_TRIGGER/events} {p i2, t i8, id i2}: read in
 * blocks of {@value #BLOCK} and handed out beside the CD events, each with the chunk whose time it falls into
 * ({@code p} is the edge, 1 rising; {@code id} the trigger channel).
 */
final class Hdf5Triggers {

  static final int BLOCK = 4096;

  private final Dataset dataset;
  private final String source;
  private final long count;
  private final HeldChunks held; // null: not known
  private final long[] t = new long[BLOCK];
  private final int[] channel = new int[BLOCK];
  private final boolean[] rising = new boolean[BLOCK];
  private long blockStart;
  private int blockLen;
  private int pos;

  Hdf5Triggers(Dataset dataset, String source) {
    this.dataset = dataset;
    this.source = source;
    Hdf5EventReader.checkCompound(source, dataset, "EXT_TRIGGER/events is not a compound dataset of p, t, id");
    long[] dims = dataset.getDimensionsAsLong();
    if (dims.length != 1) {
      throw new CorruptInputException(source, -1, "dataset " + dataset.getPath() + " must be 1-dimensional, found "
          + "shape " + java.util.Arrays.toString(dims));
    }
    this.count = dims[0];
    this.held = HeldChunks.of(dataset);
  }

  long count() {
    return count;
  }

  /** Adds every trigger not handed out yet whose time is at most {@code until}. */
  void addUpTo(long until, TriggerEvents out) {
    while (true) {
      if (pos == blockLen && !readBlock()) {
        return;
      }
      if (t[pos] > until) {
        return;
      }
      out.add(t[pos], channel[pos], rising[pos]);
      pos++;
    }
  }

  private boolean readBlock() {
    long start = blockStart + blockLen;
    if (start >= count) {
      return false;
    }
    int len = (int) Math.min(BLOCK, count - start);
    Object data;
    try {
      if (held != null) {
        held.require(start, len);
      }
      data = dataset.getData(new long[] {start}, new int[] {len});
    } catch (DatasetBytes.MissingChunkException e) {
      throw Hdf5EventReader.unwritten(source, e, start, count, "external triggers");
    } catch (RuntimeException e) {
      throw new CorruptInputException(source, -1, "cannot read external triggers " + start + ".." + (start + len - 1)
          + ": " + e, e);
    }
    if (!(data instanceof Map<?, ?> fields)) {
      throw new CorruptInputException(source, -1, "EXT_TRIGGER/events did not read as a compound");
    }
    Object ts = field(fields, "t");
    Object ps = field(fields, "p");
    Object ids = field(fields, "id");
    for (int i = 0; i < len; i++) {
      long p = integer(ps, i, "p");
      if (p != 0 && p != 1) {
        throw new CorruptInputException(source, -1, "external trigger " + (start + i) + ": p = " + p
            + ", expected 0 or 1");
      }
      long id = integer(ids, i, "id");
      if (id < 0 || id > Integer.MAX_VALUE) {
        throw new CorruptInputException(source, -1, "external trigger " + (start + i) + ": id = " + id
            + " is not a channel number");
      }
      t[i] = integer(ts, i, "t");
      channel[i] = (int) id;
      rising[i] = p == 1;
    }
    blockStart = start;
    blockLen = len;
    pos = 0;
    return true;
  }

  private Object field(Map<?, ?> fields, String name) {
    return Hdf5EventReader.field(source, "EXT_TRIGGER/events", fields, name);
  }

  private long integer(Object column, int i, String what) {
    return Hdf5EventReader.integerAt(source, column, i, "EXT_TRIGGER/events field " + what);
  }
}
