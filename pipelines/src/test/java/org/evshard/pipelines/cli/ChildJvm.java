package org.evshard.pipelines.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code evshard ARGS} in a child JVM with a small heap, the test's class path and its {@code --add-opens} flags: how
 * tests show that a sample too large for the heap is rejected rather than ending the run.
 */
public record ChildJvm(int exit, String output) {

  /** A child still running after this long is killed and reported with exit -1 (a hung run must not hang the build). */
  static final long TIMEOUT_MINUTES = 10;

  public static ChildJvm evshard(String maxHeap, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx" + maxHeap));
    for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-opens")) {
        command.add(flag);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), EvshardCli.class.getName()));
    command.addAll(List.of(args));
    Path log = Files.createTempFile("evshard-child", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      boolean ended = p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
      if (!ended) {
        p.destroyForcibly().waitFor();
      }
      String output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8); // malformed bytes replaced
      return ended ? new ChildJvm(p.exitValue(), output)
          : new ChildJvm(-1, output + "\n[the child JVM was killed after " + TIMEOUT_MINUTES + " minutes]");
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
