package org.evshard.io.shard;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import org.apache.arrow.flatbuf.Message;
import org.apache.arrow.flatbuf.MessageHeader;
import org.apache.arrow.flatbuf.RecordBatch;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.ipc.message.MessageSerializer;
import org.evshard.io.error.ShardException;

/** Checks of an Arrow IPC file's footer blocks before Arrow's reader allocates by their lengths. */
final class ArrowBlocks {

  private ArrowBlocks() {}

  /**
   * Checks every record batch the footer lists and returns their total row count. Each batch lies inside the file
   * and fits {@code limit} (Arrow's reader allocates a batch's metadata and body in one buffer of the lengths the
   * footer gives, before reading it), and its metadata is a record batch message whose row count, field node lengths
   * and buffer ranges are possible: no negative count (Arrow Java sets value counts from them unchecked), no buffer
   * beyond the batch's body. Dictionary batches are refused (the shard schema has no dictionary column).
   */
  static long check(String name, ArrowFileReader reader, FileChannel ch, long limit) throws IOException {
    if (!reader.getDictionaryBlocks().isEmpty()) {
      throw new ShardException(name, "the footer lists " + reader.getDictionaryBlocks().size()
          + " dictionary batches; the shard schema has no dictionary column");
    }
    long size = ch.size();
    long rows = 0;
    int index = 0;
    for (ArrowBlock block : reader.getRecordBlocks()) {
      long offset = block.getOffset();
      long metadata = block.getMetadataLength();
      long body = block.getBodyLength();
      String where = "record batch " + index + " at byte " + offset;
      if (offset < 0 || metadata < 8 || body < 0 || offset > size || metadata + body > size - offset) {
        throw new ShardException(name, where + ": metadata of " + metadata + " and body of " + body
            + " bytes do not fit the file's " + size + " bytes");
      }
      if (metadata + body > limit) {
        throw new ShardException(name, where + " needs " + (metadata + body)
            + " bytes, more than the reader's limit of " + limit);
      }
      rows += checkBatch(name, where, ch, block);
      index++;
    }
    return rows;
  }

  /** The row count of the record batch at {@code block} (inside the file), after checking its metadata. */
  private static long checkBatch(String name, String where, FileChannel ch, ArrowBlock block) throws IOException {
    ByteBuffer metadata = ByteBuffer.allocate(block.getMetadataLength()).order(ByteOrder.LITTLE_ENDIAN);
    while (metadata.hasRemaining()) {
      if (ch.read(metadata, block.getOffset() + metadata.position()) < 0) {
        throw new ShardException(name, where + ": its metadata is cut short");
      }
    }
    int prefix = metadata.getInt(0) == MessageSerializer.IPC_CONTINUATION_TOKEN ? 8 : 4;
    int length = metadata.getInt(prefix - 4);
    if (length <= 0 || length > block.getMetadataLength() - prefix) {
      throw new ShardException(name, where + ": message length " + length + " does not fit its metadata of "
          + block.getMetadataLength() + " bytes");
    }
    Message message = Message.getRootAsMessage(metadata.position(prefix).limit(prefix + length).slice()
        .order(ByteOrder.LITTLE_ENDIAN));
    if (message.headerType() != MessageHeader.RecordBatch) {
      throw new ShardException(name, where + " is not a record batch message");
    }
    RecordBatch batch = (RecordBatch) message.header(new RecordBatch());
    long rows = batch.length();
    if (rows < 0 || rows > Integer.MAX_VALUE) {
      throw new ShardException(name, where + " has " + rows + " rows");
    }
    for (int j = 0; j < batch.nodesLength(); j++) {
      long n = batch.nodes(j).length();
      long nulls = batch.nodes(j).nullCount();
      if (n < 0 || n > Integer.MAX_VALUE || nulls < 0 || nulls > n) {
        throw new ShardException(name, where + ": field node " + j + " has length " + n + " and " + nulls
            + " nulls");
      }
    }
    for (int j = 0; j < batch.buffersLength(); j++) {
      long from = batch.buffers(j).offset();
      long bytes = batch.buffers(j).length();
      if (from < 0 || bytes < 0 || from > block.getBodyLength() || bytes > block.getBodyLength() - from) {
        throw new ShardException(name, where + ": buffer " + j + " (" + bytes + " bytes at body offset " + from
            + ") lies beyond the body of " + block.getBodyLength() + " bytes");
      }
    }
    return rows;
  }
}
