package org.evshard.io.aedat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.error.Wording;
import org.evshard.io.format.RecordingSplit;

/**
 * Cuts an AEDAT 4.0 file into splits of whole packets: a split ends before the first packet that starts at least
 * {@code targetBytes} after the split's start. Packets are self-contained (absolute timestamps, one compressed frame
 * each), so a split needs no decoder state. The packets come from the data table when the header points at one
 * (every entry is checked: packets must follow each other from the header to the table without gap or overlap, and
 * the 8-byte packet header at each cut must match its entry); otherwise from a walk over the packet headers (8 bytes
 * read per packet, bodies skipped undecompressed), with the sequential reader's checks on ids and sizes.
 */
final class Aedat4SplitPlanner {

  private final String source;
  private final Aedat4Header header;
  private final Set<Integer> ids;
  private final long targetBytes;
  private final List<RecordingSplit> splits = new ArrayList<>();
  private final byte[] packetHeader = new byte[8];
  private long splitStart;
  private long next;

  Aedat4SplitPlanner(String source, Aedat4Header header, long targetBytes) {
    this.source = source;
    this.header = header;
    this.ids = header.streams().stream().map(Aedat4Stream::id).collect(Collectors.toSet());
    this.targetBytes = targetBytes;
    this.splitStart = header.length();
    this.next = header.length();
  }

  List<RecordingSplit> plan(FileChannel ch) throws IOException {
    long table = header.dataTablePosition();
    if (table >= 0) {
      Aedat4DataTable t = Aedat4DataTable.read(ch, header, source);
      long[] e = new long[3];
      for (int i = 0; i < t.size(); i++) {
        t.entry(i, e);
        long at = e[0] - 8; // dv's ByteOffset is where the packet's body starts, after its 8-byte header
        int id = (int) e[1];
        int size = (int) e[2];
        if (at != next) {
          throw new CorruptInputException(source, table, "data table entry " + i + " for a packet at the end of the "
              + "one before it, byte " + next, "a ByteOffset of " + e[0]);
        }
        if (packet(at, id, size, table)) {
          readPacketHeader(ch, at, table);
          if (LE.getInt(packetHeader, 0) != id || LE.getInt(packetHeader, 4) != size) {
            throw new CorruptInputException(source, at, "the packet header the data table states (stream " + id
                + ", " + size + " bytes)", "stream " + LE.getInt(packetHeader, 0) + ", " + LE.getInt(packetHeader, 4)
                + " bytes");
          }
        }
      }
      return finish(table);
    }
    long size = ch.size();
    while (next < size) {
      long at = next;
      readPacketHeader(ch, at, at);
      packet(at, LE.getInt(packetHeader, 0), LE.getInt(packetHeader, 4), at);
      if (next > size) {
        throw new CorruptInputException(source, at, "the file ends " + Wording.count(size - at - 8, "byte")
            + " into a packet body of " + LE.getInt(packetHeader, 4) + " bytes");
      }
    }
    return finish(size);
  }

  /**
   * Takes the packet at {@code at}, checking it as the reader does; {@code where} is the offset errors name.
   *
   * @return whether a split starts at this packet
   */
  private boolean packet(long at, int id, int size, long where) {
    if (!ids.contains(id)) {
      throw new CorruptInputException(source, where, "a stream id declared in infoNode " + ids + " for the packet at "
          + at, "stream id " + id);
    }
    if (size < 0) {
      throw new CorruptInputException(source, where, "a packet size >= 0 for the packet at " + at, "" + size);
    }
    if (size > Aedat4Reader.MAX_PACKET_BYTES) {
      throw new LimitExceededException(source, where, "packet size", size, Aedat4Reader.MAX_PACKET_BYTES);
    }
    boolean cut = at - splitStart >= targetBytes;
    if (cut) {
      splits.add(new RecordingSplit(source, Aedat4Format.NAME, splits.size(), splitStart, at, null));
      splitStart = at;
    }
    next = at + 8 + size;
    return cut;
  }

  private List<RecordingSplit> finish(long end) {
    if (next != end) {
      throw new CorruptInputException(source, end, "packets ending at the " + (header.dataTablePosition() >= 0
          ? "data table" : "end of the file") + ", byte " + end, "the last packet ending at byte " + next);
    }
    splits.add(new RecordingSplit(source, Aedat4Format.NAME, splits.size(), splitStart, end, null));
    return splits;
  }

  private void readPacketHeader(FileChannel ch, long at, long where) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(packetHeader);
    while (bb.hasRemaining()) {
      if (ch.read(bb, at + bb.position()) < 0) {
        throw new CorruptInputException(source, where, "the file ends " + Wording.count(bb.position(), "byte")
            + " into an 8-byte packet header at " + at);
      }
    }
  }
}
