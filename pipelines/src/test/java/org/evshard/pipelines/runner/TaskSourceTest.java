package org.evshard.pipelines.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.junit.jupiter.api.Test;

class TaskSourceTest {

  static final AtomicInteger CLOSED = new AtomicInteger();

  /** Upper-cases a task; counts closes. */
  static final class Upper implements TaskSource.Work<String, String> {
    int runs;

    @Override
    public String run(String task) {
      runs++;
      return task.toUpperCase(java.util.Locale.ROOT) + runs;
    }

    @Override
    public void close() {
      CLOSED.incrementAndGet();
    }
  }

  private final PipelineOptions options = PipelineOptionsFactory.create();

  @Test
  void splitsIntoOneSourcePerTaskWhateverSizeIsAsked() throws Exception {
    TaskSource<String, String> source = new TaskSource<>(List.of("a", "b", "c"),
        (TaskSource.Work<String, String>) task -> task + "!", StringUtf8Coder.of());
    for (long size : new long[] {1, 3, 1L << 40}) {
      List<TaskSource<String, String>> splits = source.split(size, options);
      assertEquals(3, splits.size());
      List<String> tasks = new ArrayList<>();
      splits.forEach(s -> tasks.addAll(s.tasks()));
      assertEquals(List.of("a", "b", "c"), tasks);
    }
    SourceTestUtils.assertSourcesEqualReferenceSource(source, source.split(1, options), options);
  }

  @Test
  void readerRunsEveryTaskOnItsOwnCopyOfTheWorkAndClosesIt() throws Exception {
    Upper work = new Upper();
    TaskSource<String, String> source = new TaskSource<>(List.of("a", "b"), work, StringUtf8Coder.of());
    int closedBefore = CLOSED.get();
    assertEquals(List.of("A1", "B2"), SourceTestUtils.readFromSource(source, options));
    assertEquals(List.of("A1", "B2"), SourceTestUtils.readFromSource(source, options));
    assertEquals(0, work.runs, "the source's own work object is never run");
    assertTrue(CLOSED.get() - closedBefore >= 2);
    assertEquals(List.of(), SourceTestUtils.readFromSource(
        new TaskSource<>(List.<String>of(), new Upper(), StringUtf8Coder.of()), options));
  }
}
