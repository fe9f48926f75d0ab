package org.evshard.io.error;

/**
 * HotSpot's error for a memory-mapped file that was cut while it was read (the SIGBUS of the faulting read becomes
 * {@code InternalError: a fault occurred in a recent unsafe memory access operation ...}). It is delivered at a later
 * point than the read, so it can surface after the reader returned, in the caller's own loop: callers that consume a
 * mapped reader (HDF5 files up to 2 GiB) turn it into a {@link CorruptInputException} naming the file.
 */
public final class MappedFileFault {

  private MappedFileFault() {}

  /** Whether {@code e} is that error. */
  public static boolean is(Throwable e) {
    return e instanceof InternalError && e.getMessage() != null && e.getMessage().contains("unsafe memory access");
  }

  /** The error for {@code source}, about the events from {@code from} on (-1: not known). */
  public static CorruptInputException of(String source, long from, InternalError e) {
    return new CorruptInputException(source, -1, (from >= 0 ? "events from " + from + " on: " : "")
        + "the file could not be read where its structure points (was it cut while it was read?): " + e.getMessage());
  }

  /** {@code work}'s result; the error, should it surface there, as {@link #of} for {@code source}. */
  public static <T> T naming(String source, java.util.concurrent.Callable<T> work) throws Exception {
    try {
      return work.call();
    } catch (InternalError e) {
      if (!is(e)) {
        throw e;
      }
      throw of(source, -1, e);
    }
  }
}
