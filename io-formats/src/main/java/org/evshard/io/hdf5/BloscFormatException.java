package org.evshard.io.hdf5;

/**
 * A Blosc chunk that does not follow the Blosc 1.x chunk format: a header field out of range, a block or stream
 * length beyond the chunk, a stream that does not decode to its exact size. The message names what was expected and
 * what was found (block, split, byte offset in the chunk). {@link Hdf5EventReader} reports it as a
 * {@link org.evshard.io.error.CorruptInputException} naming the file and dataset.
 */
public final class BloscFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BloscFormatException(String message) {
    super(message);
  }

  public BloscFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
