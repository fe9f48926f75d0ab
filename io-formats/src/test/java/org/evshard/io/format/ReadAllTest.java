package org.evshard.io.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.SplittableRandom;
import org.evshard.io.error.CorruptInputException;
import org.evshard.io.error.LimitExceededException;
import org.evshard.io.events.EventChunk;
import org.evshard.io.events.Events;
import org.evshard.io.events.EventsBuilder;
import org.evshard.io.events.SensorGeometry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link EventReader#readAll} over readers that hand out full, short and empty-at-the-end chunks. */
class ReadAllTest {

  /**
   * Hands out {@code events} in chunks of at most {@code step} events (never more than the chunk holds); states
   * {@code bound + events left} as its {@link #remainingEventsBound} when {@code bound} is not null.
   */
  private static class SteppedReader implements EventReader {
    private final Events events;
    private final int step;
    private final Integer bound;
    private int next;

    SteppedReader(Events events, int step) {
      this(events, step, null);
    }

    SteppedReader(Events events, int step, Integer bound) {
      this.events = events;
      this.step = step;
      this.bound = bound;
    }

    @Override
    public long remainingEventsBound() {
      return bound == null ? 0 : Math.max(0, events.size() - next + bound);
    }

    @Override
    public String formatName() {
      return "stepped";
    }

    @Override
    public String sourceName() {
      return "stepped.test";
    }

    @Override
    public Optional<SensorGeometry> geometry() {
      return Optional.empty();
    }

    @Override
    public boolean nextChunk(EventChunk chunk) {
      chunk.clear();
      int k = Math.min(Math.min(step, chunk.capacity()), events.size() - next);
      for (int i = 0; i < k; i++, next++) {
        chunk.add(events.x()[next], events.y()[next], events.t()[next], events.p()[next]);
      }
      return k > 0;
    }

    @Override
    public long bytePosition() {
      return next;
    }

    @Override
    public void close() {}
  }

  private static Events random(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    EventsBuilder b = new EventsBuilder();
    long t = 0;
    for (int i = 0; i < n; i++) {
      t += r.nextInt(50);
      b.add((short) r.nextInt(640), (short) r.nextInt(480), t, r.nextBoolean());
    }
    return b.take();
  }

  @ParameterizedTest(name = "{0} events, chunks of {1}, reader steps of {2}")
  @CsvSource({"0, 16, 16", "1, 16, 16", "16, 16, 16", "17, 16, 16", "100, 16, 16", "100, 16, 7", "100, 7, 16",
      "1000, 64, 63", "1000, 1024, 100", "5000, 1000, 1000", "4096, 4096, 4096", "4097, 4096, 4096"})
  void readsEveryEventInOrderWhateverTheChunking(int n, int capacity, int step) throws Exception {
    Events want = random(n, n + capacity + step);
    try (SteppedReader r = new SteppedReader(want, step)) {
      EventChunk scratch = new EventChunk(capacity);
      Events got = r.readAll(ReadOptions.defaults(), scratch);
      assertEquals(want, got);
      assertNotSame(scratch.x, got.x(), "the result must not share the caller's reusable chunk");
    }
  }

  @ParameterizedTest(name = "{0} events, bound off by {1}, reader steps of {2}")
  @CsvSource({"1, 0, 100", "100, 0, 1000", "100, 0, 30", "100, 5, 1000", "100, -1, 1000", "100, -60, 7",
      "5000, 0, 100000", "5000, 3, 64", "5000, -4999, 100000"})
  void readsEveryEventInOrderWhenTheReaderBoundsTheCount(int n, int off, int step) throws Exception {
    // exact bound: the columns it sizes become the result; too large: trimmed; too small: the chunk takes the rest
    Events want = random(n, n + off + step);
    try (SteppedReader r = new SteppedReader(want, step, off)) {
      EventChunk scratch = new EventChunk(16);
      Events got = r.readAll(ReadOptions.defaults(), scratch);
      assertEquals(want, got);
      assertNotSame(scratch.x, got.x(), "the result must not share the caller's reusable chunk");
    }
  }

  @ParameterizedTest(name = "limit {0}")
  @CsvSource({"99", "50", "1"})
  void refusesMoreEventsThanTheLimitWhateverTheChunking(long limit) throws Exception {
    try (SteppedReader r = new SteppedReader(random(100, 3), 7)) {
      LimitExceededException e = assertThrows(LimitExceededException.class,
          () -> r.readAll(ReadOptions.defaults().withMaxEvents(limit), new EventChunk(16)));
      // the count is where reading stopped, not the recording's: the message must not pass it off as the total
      assertTrue(e.getMessage().contains("counted up to this offset, where the limit was passed: the recording may "
          + "hold more"), e.getMessage());
    }
  }

  @ParameterizedTest(name = "limit {0}")
  @CsvSource({"1", "49", "98"})
  void countingTheRestStatesTheTrueCountAndWhereTheLimitWasPassed(long limit) throws Exception {
    try (SteppedReader r = new SteppedReader(random(100, 3), 7)) {
      EventChunk scratch = new EventChunk(16);
      LimitExceededException over = assertThrows(LimitExceededException.class,
          () -> r.readAll(ReadOptions.defaults().withMaxEvents(limit), scratch));
      LimitExceededException e = r.countingTheRest(over, scratch);
      assertEquals(100, e.found(), e.getMessage());
      assertEquals(limit, e.limit());
      assertEquals(over.offset(), e.offset(), "the offset stays where the limit was passed");
      assertTrue(e.getMessage().contains("event count of 100 exceeds the limit of " + limit), e.getMessage());
      assertFalse(e.getMessage().contains("may hold more"), e.getMessage());
    }
  }

  @ParameterizedTest(name = "decoding fails after {0} events")
  @CsvSource({"60", "99"})
  void countingTheRestGivesALowerBoundWhenTheRestFailsToDecode(int failAfter) throws Exception {
    Events events = random(100, 4);
    try (SteppedReader r = new SteppedReader(events, 7) {
      @Override
      public boolean nextChunk(EventChunk chunk) {
        if (bytePosition() >= failAfter) {
          throw new CorruptInputException("stepped.test", bytePosition(), "bad record");
        }
        return super.nextChunk(chunk);
      }
    }) {
      EventChunk scratch = new EventChunk(16);
      LimitExceededException over = assertThrows(LimitExceededException.class,
          () -> r.readAll(ReadOptions.defaults().withMaxEvents(20), scratch));
      LimitExceededException e = r.countingTheRest(over, scratch);
      long counted = Math.min(100, (failAfter + 6) / 7 * 7); // steps of 7 up to the first at or past failAfter
      assertEquals(counted, e.found(), e.getMessage());
      assertTrue(e.getMessage().contains("holds at least this many events"), e.getMessage());
      assertTrue(e.getCause() instanceof CorruptInputException, String.valueOf(e.getCause()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"packet size", "event count in the time window"})
  void countingTheRestLeavesEveryOtherLimitAsItIs(String what) throws Exception {
    try (SteppedReader r = new SteppedReader(random(100, 5), 7)) {
      LimitExceededException other = new LimitExceededException("stepped.test", 3, what, 1000, 10);
      assertSame(other, r.countingTheRest(other, new EventChunk(16)));
      assertEquals(0, r.bytePosition(), "nothing read");
    }
  }

  @ParameterizedTest(name = "bound off by {0}")
  @CsvSource({"0", "-50", "-60", "-99", "50"})
  void refusesMoreEventsThanTheLimitWhateverTheBound(int off) throws Exception {
    try (SteppedReader r = new SteppedReader(random(100, 5), 1000, off)) {
      assertThrows(LimitExceededException.class,
          () -> r.readAll(ReadOptions.defaults().withMaxEvents(50), new EventChunk(16)));
    }
  }

  @ParameterizedTest(name = "{0} events")
  @CsvSource({"0", "1", "15", "16", "17", "1000"})
  void takeHandsOverTheEventsAndEmptiesTheBuilder(int n) {
    Events want = random(n, 11);
    EventsBuilder b = new EventsBuilder(16);
    b.add(want);
    assertEquals(want, b.take());
    assertEquals(0, b.size());
    b.add((short) 1, (short) 2, 3, true);
    assertEquals(Events.wrap(new short[] {1}, new short[] {2}, new long[] {3}, new boolean[] {true}), b.take());
  }
}
