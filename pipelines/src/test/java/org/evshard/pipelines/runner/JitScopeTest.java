package org.evshard.pipelines.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class JitScopeTest {

  @Test
  void namesTheDirectivesFileTheLauncherGave() {
    assertEquals("the data path only, as /x/scripts/c2-data-path.json lists it (EVSHARD_C2=all: all hot code)",
        JitScope.describe(List.of("-Xmx1g", "-XX:+UnlockDiagnosticVMOptions",
            "-XX:CompilerDirectivesFile=/x/scripts/c2-data-path.json")));
  }

  @Test
  void theLastDirectivesFileWins() {
    assertEquals("the data path only, as b.json lists it (EVSHARD_C2=all: all hot code)",
        JitScope.describe(List.of("-XX:CompilerDirectivesFile=a.json", "-XX:CompilerDirectivesFile=b.json")));
  }

  @Test
  void withoutDirectivesEverythingHotIsCompiled() {
    assertEquals("all hot code (no compiler directives)", JitScope.describe(List.of("-Xmx1g")));
  }
}
