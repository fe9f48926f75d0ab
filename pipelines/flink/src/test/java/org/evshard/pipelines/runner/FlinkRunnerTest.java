package org.evshard.pipelines.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.evshard.pipelines.convert.RunnerParity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The convert pipeline on Beam's Flink runner, on an embedded Flink cluster with two task slots. */
class FlinkRunnerTest {

  @TempDir
  Path tmp;

  @Test
  void convertOnEmbeddedFlinkWritesTheSameShardsAsTheDirectRunner() throws Exception {
    double seconds = RunnerParity.assertSameShardsAsDirectRunner(tmp,
        List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));
    System.out.printf(Locale.ROOT, "FlinkRunner [local] parallelism 2: %.1f s%n", seconds);
  }

  @Test
  void selectGivesTheSameSelectionAsTheDirectRunner() throws Exception {
    org.evshard.pipelines.select.SelectParity.assertSameSelectionAsDirectRunner(tmp.resolve("select"),
        List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));
  }

  /** Which Flink subtask ran each task (the thread name ends in "(i/n)"); one JVM, so a static map sees them all. */
  static final Map<Integer, String> RAN_ON = new ConcurrentHashMap<>();

  /** Stands for one shard's work: takes a while, records where it ran. */
  static final class SlowTask implements TaskSource.Work<Integer, Integer> {
    @Override
    public Integer run(Integer task) {
      Matcher m = Pattern.compile("\\((\\d+/\\d+)\\)").matcher(Thread.currentThread().getName());
      RAN_ON.put(task, m.find() ? m.group(1) : Thread.currentThread().getName());
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return task;
    }
  }

  @Test
  void distillGivesTheSameSyntheticImagesAsTheDirectRunner() throws Exception {
    double seconds = org.evshard.pipelines.distill.DistillParity.assertSameDistillationAsDirectRunner(
        tmp.resolve("distill"), List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));
    System.out.printf(Locale.ROOT, "distill on FlinkRunner [local] parallelism 2: %.1f s%n", seconds);
  }

  @Test
  void shardTasksSpreadEvenlyOverTwoSubtasks() {
    // Create + Reshuffle.viaRandomKey placed 8 tasks by a random key's hash: 5/3 or 6/2 typically, once 8/0
    for (int run = 0; run < 3; run++) {
      RAN_ON.clear();
      Pipeline p = Pipeline.create(BeamOptions.create(
          List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2")));
      List<Integer> tasks = java.util.stream.IntStream.range(0, 8).boxed().toList();
      p.apply(Read.from(new TaskSource<>(tasks, new SlowTask(), VarIntCoder.of())));
      p.run().waitUntilFinish();
      Map<String, Long> perSubtask = RAN_ON.values().stream()
          .collect(Collectors.groupingBy(w -> w, java.util.TreeMap::new, Collectors.counting()));
      System.out.println("tasks per subtask, run " + run + ": " + perSubtask);
      assertEquals(8, RAN_ON.size());
      assertEquals(java.util.Set.of("1/2", "2/2"), perSubtask.keySet(), perSubtask.toString());
      assertTrue(perSubtask.values().stream().allMatch(n -> n >= 3 && n <= 5), perSubtask.toString());
    }
  }

  @Test
  void flinkOptionsPassThroughTheCommandLine() {
    PipelineOptions options = BeamOptions.create(
        List.of("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081", "--parallelism=3"));
    assertEquals(FlinkRunner.class, options.getRunner());
    FlinkPipelineOptions flink = options.as(FlinkPipelineOptions.class);
    assertEquals("127.0.0.1:8081", flink.getFlinkMaster());
    assertEquals(3, flink.getParallelism());
    assertTrue(!BeamOptions.isDirect(options));
  }

  /** A run on a master that does not answer ends at once, naming it (Beam retried for 70-85 s, then its own words). */
  @Test
  void aRunOnAnUnreachableMasterEndsAtOnceNamingIt() throws Exception {
    RunnerParity.assertUnreachableMasterRefused("FlinkRunner", "--flinkMaster=127.0.0.1:", "the Flink master 127.0.0.1:");
  }

}
