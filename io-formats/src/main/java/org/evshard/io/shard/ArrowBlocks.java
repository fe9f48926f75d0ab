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
   * Every record batch the footer lists lies inside the file ({@code size} bytes) and fits {@code limit}: Arrow's
   * reader allocates a batch's metadata and body in one buffer of the lengths the footer gives, before reading it.
   * Dictionary batches are refused (the shard schema has no dictionary column).
   */
  static void check(String name, ArrowFileReader reader, long size, long limit) throws IOException {
    if (!reader.getDictionaryBlocks().isEmpty()) {
      throw new ShardException(name, "the footer lists " + reader.getDictionaryBlocks().size()
          + " dictionary batches; the shard schema has no dictionary column");
    }
    int index = 0;
    for (ArrowBlock block : reader.getRecordBlocks()) {
      long offset = block.getOffset();
      long metadata = block.getMetadataLength();
      long body = block.getBodyLength();
      if (offset < 0 || metadata < 8 || body < 0 || offset > size || metadata + body > size - offset) {
        throw new ShardException(name, "record batch " + index + " at byte " + offset + ": metadata of " + metadata
            + " and body of " + body + " bytes do not fit the file's " + size + " bytes");
      }
      if (metadata + body > limit) {
        throw new ShardException(name, "record batch " + index + " at byte " + offset + " needs "
            + (metadata + body) + " bytes, more than the reader's limit of " + limit);
      }
      index++;
    }
  }

  /**
   * The row count of the record batch at {@code block}, from its metadata (inside the file, checked by
   * {@link #check}): the message's own length prefix must fit the metadata length the footer gives.
   */
  static long rowCount(String name, FileChannel ch, ArrowBlock block) throws IOException {
    ByteBuffer metadata = ByteBuffer.allocate(block.getMetadataLength()).order(ByteOrder.LITTLE_ENDIAN);
    ch.read(metadata, block.getOffset());
    if (metadata.hasRemaining()) {
      throw new ShardException(name, "record batch at byte " + block.getOffset() + ": its metadata is cut short");
    }
    int prefix = metadata.getInt(0) == MessageSerializer.IPC_CONTINUATION_TOKEN ? 8 : 4;
    int length = metadata.getInt(prefix - 4);
    if (length <= 0 || length > block.getMetadataLength() - prefix) {
      throw new ShardException(name, "record batch at byte " + block.getOffset() + ": message length " + length
          + " does not fit its metadata of " + block.getMetadataLength() + " bytes");
    }
    Message message = Message.getRootAsMessage(metadata.position(prefix).limit(prefix + length).slice()
        .order(ByteOrder.LITTLE_ENDIAN));
    if (message.headerType() != MessageHeader.RecordBatch) {
      throw new ShardException(name, "block at byte " + block.getOffset() + " is not a record batch");
    }
    long rows = ((RecordBatch) message.header(new RecordBatch())).length();
    if (rows < 0) {
      throw new ShardException(name, "record batch at byte " + block.getOffset() + " has " + rows + " rows");
    }
    return rows;
  }
}
