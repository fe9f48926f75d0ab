package org.evshard.io.error;

/** A length read from the input exceeds the bytes left or a configured limit; nothing was allocated for it. */
public class LimitExceededException extends EvshardIoException {

  public LimitExceededException(String source, long offset, String what, long found, long limit) {
    super(source, offset, what + " of " + found + " exceeds the limit of " + limit);
  }
}
