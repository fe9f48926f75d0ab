package org.evshard.pipelines.cli;

import java.util.List;

/** The arguments a pipeline command passes on to Beam: only options of the form {@code --name=value}. */
final class BeamArgs {

  private BeamArgs() {
  }

  /** Fails on anything that is not a {@code --option}, naming it. */
  static void check(List<String> args) {
    for (String a : args) {
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "' (Beam options look like --name=value)");
      }
    }
  }
}
