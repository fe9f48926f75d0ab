package org.evshard.io.prophesee;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.evshard.io.format.EventReader;
import org.evshard.io.format.RecordingSplit;

/**
 * Plans the splits of a RAW file in one pass over its words that tracks only the decoder state, not the events: a
 * split ends before the first TIME_HIGH word at least {@code targetBytes} after its start, and the next split starts
 * on that word with the state the sequential reader has just before it (wrap count, last TIME_HIGH, and for EVT 3.0
 * TIME_LOW, y, vector base and polarity). A TIME_HIGH that wraps is thus decoded, and counted, by the split it starts.
 * The first split starts after the header with the initial state; the last one ends at the end of the file, so a
 * trailing partial word is reported by its reader as by the sequential one. Subclasses mirror their reader's state
 * changes in {@link #scan}.
 */
abstract class WordSplitPlanner {

  /** Bytes read per positional read of the planning pass. */
  private static final int SCAN_BYTES = 1 << 20;

  private final int wordBytes;

  WordSplitPlanner(int wordBytes) {
    this.wordBytes = wordBytes;
  }

  /**
   * Applies the whole words of {@code b[o, end)} to the state, stopping before the first TIME_HIGH word whose index is
   * at least {@code cut} (which may lie beyond {@code end}).
   *
   * @return the index of that TIME_HIGH word, or {@code end} when there was none
   */
  abstract int scan(byte[] b, int o, int end, int cut);

  /** The decoder state after the words scanned so far, as a split starting there needs it. */
  abstract Serializable state();

  /**
   * The splits of {@code file}; {@code header} is a reader of the file that has just read (and checked) its header,
   * which gives where the words start. It is closed.
   *
   * @param format the registry name to put in the splits
   */
  final List<RecordingSplit> plan(Path file, String format, EventReader header, long targetBytes) throws IOException {
    long dataStart;
    try (header) {
      dataStart = header.bytePosition();
    }
    String name = file.toString();
    List<RecordingSplit> splits = new ArrayList<>();
    long splitStart = dataStart;
    Serializable startState = state();
    long nextCut = dataStart + targetBytes;
    byte[] b = new byte[SCAN_BYTES];
    long size;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      size = ch.size();
      long pos = dataStart; // file offset of b[0], always on a word boundary
      int have = 0;
      boolean eof = false;
      while (!eof) {
        while (have < b.length) {
          int n = ch.read(ByteBuffer.wrap(b, have, b.length - have), pos + have);
          if (n < 0) {
            eof = true;
            break;
          }
          have += n;
        }
        int words = have & -wordBytes;
        int o = 0;
        while (o < words) {
          int cut = (int) Math.max(0, Math.min(Integer.MAX_VALUE, nextCut - pos));
          int stop = scan(b, o, words, cut);
          if (stop < words) {
            long at = pos + stop;
            splits.add(new RecordingSplit(name, format, splits.size(), splitStart, at, startState));
            splitStart = at;
            startState = state();
            nextCut = at + targetBytes;
          }
          o = stop;
        }
        System.arraycopy(b, words, b, 0, have - words);
        pos += words;
        have -= words;
      }
    }
    splits.add(new RecordingSplit(name, format, splits.size(), splitStart, Math.max(splitStart, size), startState));
    return splits;
  }
}
