package org.evshard.io.error;

/**
 * Root of every error the io-formats module raises about the content of a file. Carries the source name and the
 * byte offset where the problem was found ({@code -1} when no offset applies), so that pipelines can report both.
 */
public class EvshardIoException extends RuntimeException {

  private final String source;
  private final long offset;

  public EvshardIoException(String source, long offset, String message) {
    this(source, offset, message, null);
  }

  public EvshardIoException(String source, long offset, String message, Throwable cause) {
    super(describe(source, offset, message), cause);
    this.source = source;
    this.offset = offset;
  }

  /** The file (or archive member) the error is about. */
  public String source() {
    return source;
  }

  /** Byte offset in the source where the problem was found, or -1. */
  public long offset() {
    return offset;
  }

  /** The message without the source and offset prefix. */
  public String reason() {
    String m = getMessage();
    int i = m.indexOf(": ");
    return i < 0 ? m : m.substring(i + 2);
  }

  static String describe(String source, long offset, String message) {
    String where = source == null ? "<input>" : source;
    if (offset >= 0) {
      where += " at byte " + offset + " (0x" + Long.toHexString(offset) + ")";
    }
    return where + ": " + message;
  }
}
