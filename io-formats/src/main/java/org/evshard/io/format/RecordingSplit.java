package org.evshard.io.format;

import java.io.Serializable;
import java.util.Objects;

/**
 * One piece of a recording that a worker can read on its own: the bytes {@code [start, end)} of {@code file} and the
 * decoder state the sequential reader would have at {@code start} (null when the format needs none, e.g. AEDAT 4.0
 * packets, which are self-contained). Made by {@link RecordingSplits#plan}; read with {@link RecordingSplits#open}.
 * The events of the splits of a plan, read in index order, are the events of the whole file read sequentially.
 *
 * @param file the recording's path, as a string (also the source name in error messages)
 * @param format the registry name of the format that planned the split
 * @param index position of the split in its plan, from 0
 * @param start offset of the first byte the split decodes (a packet or word boundary the format chose)
 * @param end offset after the last byte the split decodes
 * @param state the format's decoder state at {@code start}, or null
 */
public record RecordingSplit(String file, String format, int index, long start, long end, Serializable state)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public RecordingSplit {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    if (index < 0 || start < 0 || end < start) {
      throw new IllegalArgumentException("a split needs index >= 0 and 0 <= start <= end, got index " + index
          + ", bytes [" + start + ", " + end + ")");
    }
  }

  /** Bytes the split covers. */
  public long length() {
    return end - start;
  }
}
