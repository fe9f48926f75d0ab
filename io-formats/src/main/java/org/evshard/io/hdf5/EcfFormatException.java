package org.evshard.io.hdf5;

/**
 * An ECF chunk that does not follow Prophesee's ECF layout: more events than a chunk can hold, a run or a packed group
 * beyond the chunk's events or bytes, a timestamp step of more than 64 bits. The message names the stream (t, y, x,
 * p), the byte offset in the chunk, what was expected and what was found. {@link Hdf5EventReader} reports it as a
 * {@link org.evshard.io.error.CorruptInputException} naming the file and the events read.
 */
public final class EcfFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public EcfFormatException(String message) {
    super(message);
  }

  public EcfFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
