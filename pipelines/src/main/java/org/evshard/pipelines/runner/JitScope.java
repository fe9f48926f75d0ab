package org.evshard.pipelines.runner;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Which code the JVM's optimising compiler (C2) compiles: everything, or, as {@code scripts/evshard} sets it on the
 * DirectRunner, only the data path listed in {@code scripts/c2-data-path.json} (docs/DESIGN.md, "JIT scope").
 */
public final class JitScope {

  static final String DIRECTIVES_FLAG = "-XX:CompilerDirectivesFile=";

  private JitScope() {}

  /** For {@code evshard --version}: this JVM's scope. */
  public static String describe() {
    return describe(ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  /** The scope that {@code jvmArguments} set (the last directives file given wins, as in the JVM). */
  static String describe(List<String> jvmArguments) {
    String file = null;
    for (String a : jvmArguments) {
      if (a.startsWith(DIRECTIVES_FLAG)) {
        file = a.substring(DIRECTIVES_FLAG.length());
      }
    }
    return file == null ? "all hot code (no compiler directives)"
        : "the data path only, as " + file + " lists it (EVSHARD_C2=all: all hot code)";
  }
}
