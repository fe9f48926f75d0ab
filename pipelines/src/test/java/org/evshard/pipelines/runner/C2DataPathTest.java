package org.evshard.pipelines.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code scripts/c2-data-path.json}, the compiler directives the launcher gives the DirectRunner's JVM: the JVM accepts
 * the file, and with it C2 compiles evshard's code but not Beam's, while without it C2 compiles both. Each case runs
 * {@link C2Probe} in a child JVM with {@code -Xbatch} (compilations finish before the program goes on) and
 * {@code -XX:-Inline} (every call reaches its callee, so both methods count their own invocations).
 */
class C2DataPathTest {

  private static final Path DIRECTIVES = Path.of("..", "scripts", "c2-data-path.json");
  private static final String EVSHARD_METHOD = "org.evshard.pipelines.runner.C2Probe::mix";
  private static final String BEAM_METHOD = "org.apache.beam.sdk.util.VarInt::getLength";

  @Test
  void theJvmAcceptsTheDirectives() throws Exception {
    assertTrue(Files.isRegularFile(DIRECTIVES), DIRECTIVES.toAbsolutePath() + " is missing");
    Run run = java(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + DIRECTIVES, "-version"));
    assertEquals(0, run.exit, run.output);
    assertTrue(run.output.contains("2 compiler directives added"), run.output);
  }

  @Test
  void c2CompilesEvshardButNotBeam() throws Exception {
    Run run = probe(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:CompilerDirectivesFile=" + DIRECTIVES));
    assertTrue(levels(run.output, EVSHARD_METHOD).contains(4), run.output);
    assertFalse(levels(run.output, BEAM_METHOD).contains(4), run.output);
    assertTrue(run.output.lines()
        .anyMatch(l -> l.contains("made not compilable on level 4") && l.contains(BEAM_METHOD)), run.output);
  }

  @Test
  void withoutTheDirectivesC2CompilesBoth() throws Exception {
    Run run = probe(List.of());
    assertTrue(levels(run.output, EVSHARD_METHOD).contains(4), run.output);
    assertTrue(levels(run.output, BEAM_METHOD).contains(4), run.output);
  }

  private static Run probe(List<String> flags) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(flags);
    args.addAll(List.of("-Xbatch", "-XX:-Inline", "-XX:+PrintCompilation", "-cp",
        System.getProperty("java.class.path"), C2Probe.class.getName()));
    Run run = java(args);
    assertEquals(0, run.exit, run.output);
    assertTrue(run.output.contains("probe "), run.output);
    return run;
  }

  /** The tiers at which {@code -XX:+PrintCompilation} reports {@code method} compiled (OSR compilations included). */
  static Set<Integer> levels(String printCompilation, String method) {
    Set<Integer> levels = new TreeSet<>();
    for (String line : printCompilation.split("\n")) {
      String[] tokens = line.trim().split("\\s+");
      for (int i = 1; i < tokens.length; i++) {
        if (tokens[i].equals(method) && tokens[i - 1].matches("[0-4]") && !line.contains("made not")) {
          levels.add(Integer.parseInt(tokens[i - 1]));
        }
      }
    }
    return levels;
  }

  private record Run(int exit, String output) {}

  private static Run java(List<String> args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(args);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), output);
  }
}
