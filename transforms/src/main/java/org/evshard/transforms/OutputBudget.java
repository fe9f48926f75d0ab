package org.evshard.transforms;

import java.util.Locale;

/**
 * How much one kernel may allocate for one sample's output: a quarter of the JVM's maximum heap. A sample that asks
 * for more (one wild timestamp under {@code frame(time_window=1000)} asks for gigabytes; so does
 * {@code uniform_noise(n)} or {@code rate_code(T)} with a mistyped count) fails with an
 * {@link OutputTooLargeException}, which the pipelines record as its rejection reason, instead of an
 * {@link OutOfMemoryError} that ends the run. Samples built at the same time on other threads share the heap too, so
 * this is a guard against the one huge sample, not an allocator.
 */
public final class OutputBudget {

  /** Bytes of one event in columns: x and y (short), t (long), p (boolean). */
  public static final int EVENT_BYTES = Short.BYTES * 2 + Long.BYTES + 1;

  /** What the messages of the heap limits advise. */
  public static final String MORE_HEAP = "give the JVM more heap (-Xmx; scripts/evshard reads EVSHARD_JAVA_OPTS)";

  private OutputBudget() {}

  public static long maxBytes() {
    return Runtime.getRuntime().maxMemory() / 4;
  }

  /**
   * Passes when {@code bytes} fit in {@link #maxBytes()}.
   *
   * @param what what the kernel would build, e.g. {@code "output tensor of shape [3, 2, 34, 34]"}
   * @throws OutputTooLargeException naming {@code transform}, {@code what}, the bytes and the limit
   */
  public static void check(String transform, String what, long bytes) {
    long heap = Runtime.getRuntime().maxMemory();
    if (bytes < 0 || bytes > heap / 4) {
      throw new OutputTooLargeException(transform + ": " + what + " would take " + mebibytes(bytes)
          + ", more than a quarter of this JVM's maximum heap (" + mebibytes(heap) + "); " + MORE_HEAP
          + " or ask for a smaller output");
    }
  }

  /**
   * The most events one sample may hold in this JVM: a twelfth of its maximum heap at {@link #EVENT_BYTES} an event,
   * because reading a recording may hold three copies of its columns while they grow (the old ones and the doubled new
   * ones), so that decoding stays within {@link #maxBytes()}. A 30 M-event NPY file ended a {@code -Xmx256m} convert
   * with an {@link OutOfMemoryError}, and a 2.5 M-event one a {@code -Xmx64m} run while the limit was a quarter.
   */
  public static long maxHeldEvents() {
    return maxHeldEvents(1);
  }

  /**
   * {@link #maxHeldEvents()} when {@code workers} threads of this JVM decode at once (the DirectRunner's two or more):
   * each holds its own recording, so each gets its share. With one share each, two recordings under the limit ended a
   * {@code -Xmx96m} run with an {@link OutOfMemoryError}.
   */
  public static long maxHeldEvents(int workers) {
    return maxBytes() / (3L * EVENT_BYTES * Math.max(1, workers));
  }

  /** Why {@link #maxHeldEvents()} is the limit, and what raises it: the clause a rejection or an error ends with. */
  public static String heldEventsReason() {
    return heldEventsReason(1);
  }

  /** {@link #heldEventsReason()} for {@link #maxHeldEvents(int)}. */
  public static String heldEventsReason(int workers) {
    return "that is the most one recording may hold in this JVM's maximum heap (" + maxHeap() + "; a twelfth of it "
        + "at 13 bytes an event, as decoding may hold three copies" + (workers > 1 ? ", shared by the " + workers
        + " workers that decode at once in this JVM" : "") + "): " + MORE_HEAP;
  }

  /** The JVM's maximum heap in MiB, as the messages of the heap limits print it, e.g. {@code "64.0 MiB"}. */
  public static String maxHeap() {
    return mebibytes(Runtime.getRuntime().maxMemory());
  }

  /** {@code bytes} as the limits' messages print them, e.g. {@code "409.6 MiB"}. */
  public static String mebibytes(long bytes) {
    return bytes < 0 ? "more than 2^63 bytes" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
  }
}
