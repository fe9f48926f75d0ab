package org.evshard.io.error;

/** A shard or manifest could not be written or read back as written. */
public class ShardException extends EvshardIoException {

  public ShardException(String source, String message) {
    super(source, -1, message);
  }

  public ShardException(String source, String message, Throwable cause) {
    super(source, -1, message, cause);
  }
}
