package org.evshard.io.error;

/** The bytes do not follow the format: truncated records, bad magic, impossible values. */
public class CorruptInputException extends EvshardIoException {

  public CorruptInputException(String source, long offset, String message) {
    super(source, offset, message);
  }

  public CorruptInputException(String source, long offset, String expected, String found) {
    super(source, offset, "expected " + expected + ", found " + found);
  }

  public CorruptInputException(String source, long offset, String message, Throwable cause) {
    super(source, offset, message, cause);
  }
}
