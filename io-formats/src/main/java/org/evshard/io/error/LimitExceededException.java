package org.evshard.io.error;

/** A length read from the input exceeds the bytes left or a configured limit; nothing was allocated for it. */
public class LimitExceededException extends EvshardIoException {

  private final long found;
  private final long limit;

  public LimitExceededException(String source, long offset, String what, long found, long limit) {
    this(source, offset, what, found, limit, null);
  }

  /** With {@code why}, a clause on where the limit comes from and what raises it, after the numbers. */
  public LimitExceededException(String source, long offset, String what, long found, long limit, String why) {
    this(source, offset, what, found, limit, why, null);
  }

  /** With the failure that stopped counting {@code found} short of the whole (see {@code why}). */
  public LimitExceededException(String source, long offset, String what, long found, long limit, String why,
      Throwable cause) {
    super(source, offset, what + " of " + found + " exceeds the limit of " + limit + (why == null ? "" : "; " + why),
        cause);
    this.found = found;
    this.limit = limit;
  }

  /** The length or count that was read. */
  public long found() {
    return found;
  }

  /** The limit it passed. */
  public long limit() {
    return limit;
  }
}
