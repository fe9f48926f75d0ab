package org.evshard.pipelines.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.evshard.datasets.image.ImageCorpora;
import org.evshard.io.image.ResizeMode;
import org.junit.jupiter.api.Test;

/** {@code evshard curate --help} names what the command accepts (it had left out two corpora and a resize mode). */
class CurateCommandTest {

  @Test
  void theHelpNamesEveryCorpusAndEveryResizeMode() {
    CliOutput r = CliOutput.run("curate", "--help");
    assertEquals(0, r.exitCode, r.err);
    String help = r.out.replaceAll("\\s+", " ");
    for (String corpus : ImageCorpora.names()) {
      assertTrue(help.contains(corpus), corpus + " missing from: " + help);
    }
    for (ResizeMode m : ResizeMode.values()) {
      assertTrue(help.contains(m.name().toLowerCase(Locale.ROOT)), m + " missing from: " + help);
    }
  }
}
