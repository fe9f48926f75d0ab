package org.evshard.io.aedat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;

/**
 * The data table of an AEDAT 4.0 file: from {@code dataTablePosition} to the end of the file, compressed like the
 * packets, a size-prefixed {@code FileDataTable} FlatBuffer (identifier {@code FTAB}) whose {@code Table} vector
 * holds one {@code FileDataDefinition} per packet in file order: {@code ByteOffset} (int64: where the packet's
 * body starts, after its 8-byte header, as dv's recordings show), {@code PacketInfo} (struct: int32 stream id, int32
 * body size), {@code NumElements}, {@code TimestampStart} and {@code TimestampEnd} (int64). The sizes are checked before anything is allocated.
 */
final class Aedat4DataTable {

  /** Bytes of one entry as {@link Aedat4Writer} lays it out (a table of 5 fields). */
  static final int ENTRY_BYTES = 48;

  private final FlatTable root;
  private final byte[] plain;
  private final int vector;
  private final int count;
  private final String source;
  private final long at;

  private Aedat4DataTable(FlatTable root, byte[] plain, String source, long at) {
    int[] n = new int[1];
    this.root = root;
    this.plain = plain;
    this.vector = root.vector(0, 4, n);
    this.count = n[0];
    this.source = source;
    this.at = at;
  }

  /** Number of entries (packets). */
  int size() {
    return count;
  }

  /**
   * Entry {@code i}, decoded from the table's bytes on demand (so memory stays at the table itself): its
   * {@code ByteOffset} (the packet's body), stream id and body size in {@code out[0..2]}.
   */
  void entry(int i, long[] out) {
    FlatTable e = root.tableAt(vector + 4 * i);
    int info = e.struct(1, 8);
    if (info < 0) {
      throw new CorruptInputException(source, at, "data table entry " + i + " has no PacketInfo");
    }
    out[0] = e.longField(0, 0);
    out[1] = LE.getInt(plain, info);
    out[2] = LE.getInt(plain, info + 4);
  }

  /** Reads the table of a file whose header points at one ({@code dataTablePosition >= 0}). */
  static Aedat4DataTable read(FileChannel ch, Aedat4Header header, String source) throws IOException {
    long at = header.dataTablePosition();
    long length = ch.size() - at;
    if (length < 0) {
      throw new CorruptInputException(source, at, "a data table position within the file of " + ch.size()
          + " bytes", "" + at);
    }
    if (length > Aedat4Reader.MAX_PACKET_BYTES) {
      throw new LimitExceededException(source, at, "data table size", length, Aedat4Reader.MAX_PACKET_BYTES);
    }
    byte[] body = new byte[(int) length];
    ByteBuffer bb = ByteBuffer.wrap(body);
    while (bb.hasRemaining()) {
      if (ch.read(bb, at + bb.position()) < 0) {
        throw new CorruptInputException(source, at, "the file ends inside the data table");
      }
    }
    return parse(body, body.length, header, source);
  }

  /** The table in the first {@code length} bytes of {@code body}: the bytes from the header's table position on. */
  static Aedat4DataTable parse(byte[] body, int length, Aedat4Header header, String source) {
    long at = header.dataTablePosition();
    byte[] plain = body;
    int n = length;
    if (header.compression() != Aedat4Compression.NONE) {
      Aedat4Decompressor d = new Aedat4Decompressor(source);
      try {
        n = d.decompress(header.compression(), body, length, at);
      } catch (CorruptInputException e) { // say what was read there: the codec alone spoke of "an LZ4 frame"
        throw new CorruptInputException(source, e.offset(), "the data table at byte " + at + " (the header's "
            + "dataTablePosition) does not decode: " + e.reason() + "; the position may not be the table's", e);
      }
      plain = d.buffer();
    }
    if (n < 4) {
      throw new CorruptInputException(source, at, "a data table of " + n + " bytes cannot hold a FlatBuffer");
    }
    long declared = Integer.toUnsignedLong(LE.getInt(plain, 0));
    if (declared > n - 4) {
      throw new CorruptInputException(source, at, "a data table size prefix of at most " + (n - 4), "" + declared);
    }
    FlatTable root = FlatTable.root(plain, 4, 4 + (int) declared, source, at);
    if (!root.identifier().equals("FTAB")) {
      throw new CorruptInputException(source, at, "a data table FlatBuffer with identifier FTAB",
          "'" + root.identifier() + "'");
    }
    return new Aedat4DataTable(root, plain, source, at);
  }
}
